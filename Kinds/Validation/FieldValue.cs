using System.Globalization;
using System.Text;

namespace OrleansKube.Kinds.Validation;

/// <summary>
/// A bad value rendered the way Kubernetes renders it in a field error: strings quoted Go-style (<c>"web"</c>),
/// numbers and booleans bare (<c>-1</c>), anything else already formatted by the caller.
/// </summary>
public readonly record struct FieldValue(string Rendered)
{
    public static implicit operator FieldValue(string? value) => new(value is null ? "null" : Quote(value));

    public static implicit operator FieldValue(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    public static FieldValue Raw(string rendered) => new(rendered);

    /// <summary>Like Go's <c>%#v</c> of a <c>map[string]string</c>, which is how Kubernetes shows a label map.</summary>
    public static FieldValue GoMap(IReadOnlyCollection<KeyValuePair<string, string>> map) =>
        new(map.Count == 0
            ? "map[string]string(nil)"
            : "map[string]string{" + string.Join(", ", map.OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => $"{Quote(pair.Key)}:{Quote(pair.Value)}")) + "}");

    /// <summary>Quotes like Go's <c>strconv.Quote</c>: escapes quotes, backslashes and control characters, keeps other text.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\v': builder.Append("\\v"); break;
                case < ' ' or '\x7f': builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"); break;
                case >= '\x80' and <= '\x9f' or '\u2028' or '\u2029' or '\ufeff':
                    builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }

    public override string ToString() => Rendered;
}

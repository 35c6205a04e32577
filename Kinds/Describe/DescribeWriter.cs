using System.Globalization;
using System.Text;
using OrleansKube.Model.Pods;

namespace OrleansKube.Kinds.Describe;

/// <summary>
/// Collects <c>describe</c> lines as kubectl's prefix writer does: two spaces per level, a tab after each label,
/// aligned at the end by <see cref="ElasticTabs"/>.
/// </summary>
public sealed class DescribeWriter
{
    private readonly StringBuilder _text = new();

    /// <summary>Writes <paramref name="text"/> (tabs separate cells) on its own line at <paramref name="level"/>.</summary>
    public void Line(int level, string text) => _text.Append(' ', level * 2).Append(text).Append('\n');

    /// <summary>Writes <c>Label:</c> and its value, <c>&lt;none&gt;</c> when empty.</summary>
    public void Field(int level, string label, string? value) =>
        Line(level, $"{label}:\t{(string.IsNullOrEmpty(value) ? "<none>" : value)}");

    public void Field(int level, string label, long value) => Field(level, label, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes a map one entry per line, the first beside the label: labels (<c>k=v</c>) or annotations (<c>k: v</c>).</summary>
    public void Map(string indent, string label, IReadOnlyDictionary<string, string> map, string separator = "=") =>
        List(indent, label, [.. map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + separator + p.Value)]);

    /// <summary>Writes values one per line, the first beside the label, <c>&lt;none&gt;</c> when there are none.</summary>
    public void List(string indent, string label, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            _text.Append(indent).Append(label).Append(":\t<none>\n");
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            _text.Append(indent).Append(i == 0 ? label + ":" : "").Append('\t').Append(values[i]).Append('\n');
        }
    }

    /// <summary>kubectl's toleration form: <c>key=value:Effect op=Exists for 300s</c>.</summary>
    public static string Toleration(Toleration toleration)
    {
        var text = new StringBuilder(toleration.Key);
        if (!string.IsNullOrEmpty(toleration.Value))
        {
            text.Append('=').Append(toleration.Value);
        }

        if (!string.IsNullOrEmpty(toleration.Effect))
        {
            text.Append(':').Append(toleration.Effect);
        }

        // An Exists toleration without key and effect tolerates everything and reads as a bare "op=Exists".
        if (toleration.Operator == "Exists" && string.IsNullOrEmpty(toleration.Value))
        {
            text.Append(text.Length > 0 ? " op=Exists" : "op=Exists");
        }

        if (toleration.TolerationSeconds is { } seconds)
        {
            text.Append(CultureInfo.InvariantCulture, $" for {seconds}s");
        }

        return text.ToString();
    }

    /// <summary>Timestamps as kubectl's describe prints them (RFC 1123 with a numeric zone), here always in UTC.</summary>
    public static string Time(DateTimeOffset? timestamp) =>
        timestamp is { } value
            ? value.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture)
            : "<unknown>";

    /// <summary>The aligned text, without trailing spaces.</summary>
    public override string ToString() =>
        string.Concat(ElasticTabs.Format(_text.ToString()).Split('\n').SkipLast(1).Select(line => line.TrimEnd() + "\n"));
}

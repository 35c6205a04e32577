using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrleansKube.Kinds.Validation;

namespace OrleansKube.Kinds.Manifests;

/// <summary>Writes JSON as Kubernetes-style block YAML, the way <c>kubectl get -o yaml</c> lays it out.</summary>
public static partial class ManifestWriter
{
    private const int Indent = 2;

    /// <summary>
    /// One YAML document for <paramref name="node"/>, ending in a newline: two-space indentation, list items under their
    /// key, and every string that would read back as something else quoted. Separating documents is the caller's job.
    /// </summary>
    public static string ToYaml(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var builder = new StringBuilder();
        if (IsBlock(node))
        {
            WriteBlock(builder, node, 0, firstInline: false);
        }
        else
        {
            builder.Append(Scalar(node, Indent)).Append('\n');
        }

        return builder.ToString();
    }

    private static bool IsBlock(JsonNode? node) => node is JsonObject { Count: > 0 } or JsonArray { Count: > 0 };

    // Writes a non-empty mapping or sequence at `indent`; `firstInline` when the first line continues a "- " already written.
    private static void WriteBlock(StringBuilder builder, JsonNode node, int indent, bool firstInline)
    {
        var first = true;
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                Pad(builder, indent, first && firstInline);
                first = false;
                builder.Append(Key(key)).Append(':');
                WriteValue(builder, value, indent, indent + Indent);
            }

            return;
        }

        foreach (var item in (JsonArray)node)
        {
            Pad(builder, indent, first && firstInline);
            first = false;
            builder.Append('-');
            if (IsBlock(item))
            {
                builder.Append(' ');
                WriteBlock(builder, item!, indent + Indent, firstInline: true);
            }
            else
            {
                builder.Append(' ').Append(Scalar(item, indent + Indent)).Append('\n');
            }
        }
    }

    // The value after "key:". kubectl puts a list at the indentation of its key and a map one level in.
    private static void WriteValue(StringBuilder builder, JsonNode? value, int keyIndent, int childIndent)
    {
        if (!IsBlock(value))
        {
            builder.Append(' ').Append(Scalar(value, childIndent)).Append('\n');
            return;
        }

        builder.Append('\n');
        WriteBlock(builder, value!, value is JsonArray ? keyIndent : childIndent, firstInline: false);
    }

    private static void Pad(StringBuilder builder, int indent, bool inline)
    {
        if (!inline)
        {
            builder.Append(' ', indent);
        }
    }

    private static string Key(string key) => IsPlainSafe(key) ? key : DoubleQuoted(key);

    private static string Scalar(JsonNode? node, int contentIndent)
    {
        switch (node)
        {
            case null:
                return "null";
            case JsonObject:
                return "{}";
            case JsonArray:
                return "[]";
        }

        var value = node.AsValue();
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                return IsPlainSafe(text) ? text
                    : IsLiteralSafe(text) ? Literal(text, contentIndent)
                    : DoubleQuoted(text);
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            case JsonValueKind.Null:
                return "null";
            default:
                return value.ToJsonString();
        }
    }

    /// <summary>True when <paramref name="text"/> can be written bare and still read back as this same string.</summary>
    public static bool IsPlainSafe(string text) =>
        text.Length > 0 &&
        YamlScalars.Classify(text) == ScalarType.String &&
        text is not ("y" or "Y" or "n" or "N" or "=" or "<<") &&
        !Indicators.Contains(text[0]) &&
        !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1]) &&
        !text.StartsWith("...", StringComparison.Ordinal) &&
        !text.Contains(": ", StringComparison.Ordinal) && !text.Contains(" #", StringComparison.Ordinal) && text[^1] != ':' &&
        !text.Any(NeedsEscape) && !text.Contains('\t') && !text.Contains('\n') &&

        // kubectl quotes what other YAML readers would take for a timestamp.
        !Timestamp().IsMatch(text);

    // Multi-line text reads best as a literal block; text a block cannot carry exactly goes in double quotes instead.
    private static bool IsLiteralSafe(string text) =>
        text.Contains('\n') && text[0] is not (' ' or '\t' or '\n') && !text.Any(NeedsEscape) &&
        text.Split('\n').All(line => line.Length == 0 || !char.IsWhiteSpace(line[^1]));

    private static string Literal(string text, int contentIndent)
    {
        var body = text.TrimEnd('\n');
        var trailing = text.Length - body.Length;
        var chomping = trailing switch { 0 => "-", 1 => "", _ => "+" };
        var builder = new StringBuilder("|").Append(chomping);
        foreach (var line in body.Split('\n'))
        {
            builder.Append('\n');
            if (line.Length > 0)
            {
                builder.Append(' ', contentIndent).Append(line);
            }
        }

        // "|+" keeps the final line breaks, which are written as empty lines.
        builder.Append('\n', Math.Max(0, trailing - 1));
        return builder.ToString();
    }

    // Go's quoting escapes exactly what YAML's double-quoted style needs, with escapes YAML reads back.
    private static string DoubleQuoted(string text) => FieldValue.Quote(text);

    // Characters YAML does not allow raw, or reads as line breaks or a byte order mark.
    private static bool NeedsEscape(char c) =>
        c is < ' ' and not '\n' and not '\t' or '\x7f' or (>= '\x80' and <= '\x9f') or '\u2028' or '\u2029' or '\ufeff';

    private static readonly HashSet<char> Indicators = ['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`'];

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")]
    private static partial Regex Timestamp();
}

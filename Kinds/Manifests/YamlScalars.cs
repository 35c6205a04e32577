using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OrleansKube.Kinds.Manifests;

/// <summary>What an unquoted YAML scalar stands for.</summary>
public enum ScalarType
{
    String,
    Null,
    Boolean,
    Integer,
    Float,

    /// <summary>Infinity or not-a-number: YAML floats with no JSON form.</summary>
    NonFinite,
}

/// <summary>
/// Resolves plain YAML scalars the way Kubernetes reads YAML (YAML 1.1 as go-yaml v2 does): <c>~</c> and <c>null</c> are
/// null, <c>yes</c>/<c>on</c>/<c>true</c> are booleans, <c>0x1F</c>, <c>0o17</c> and <c>017</c> are integers, <c>1e3</c> a float.
/// Timestamps stay strings. The writer uses the same rules to decide what must be quoted.
/// </summary>
public static partial class YamlScalars
{
    private static readonly HashSet<string> Nulls = new(["", "~", "null", "Null", "NULL"], StringComparer.Ordinal);
    private static readonly HashSet<string> Trues = new(["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"], StringComparer.Ordinal);
    private static readonly HashSet<string> Falses = new(["false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"], StringComparer.Ordinal);

    public static ScalarType Classify(string text)
    {
        if (Nulls.Contains(text))
        {
            return ScalarType.Null;
        }

        if (Trues.Contains(text) || Falses.Contains(text))
        {
            return ScalarType.Boolean;
        }

        if (NonFinite().IsMatch(text))
        {
            return ScalarType.NonFinite;
        }

        // Only text that starts like a number is a number; go-yaml then ignores '_' digit separators.
        if (text[0] is not ('+' or '-' or '.' or (>= '0' and <= '9')))
        {
            return ScalarType.String;
        }

        var digits = text.Replace("_", "", StringComparison.Ordinal);
        return Integer().IsMatch(digits) ? ScalarType.Integer
            : Float().IsMatch(digits) ? ScalarType.Float
            : ScalarType.String;
    }

    /// <summary>The JSON for <paramref name="text"/> read as <paramref name="type"/>; numbers keep their text when it is valid JSON.</summary>
    public static JsonNode? ToJson(string text, ScalarType type) => type switch
    {
        ScalarType.Null => null,
        ScalarType.Boolean => JsonValue.Create(Trues.Contains(text)),
        ScalarType.Integer or ScalarType.Float when JsonNumber().IsMatch(text) => JsonNode.Parse(text),
        ScalarType.Integer => IntegerNode(text.Replace("_", "", StringComparison.Ordinal)),
        ScalarType.Float => JsonValue.Create(double.Parse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(text),
    };

    private static JsonNode IntegerNode(string text)
    {
        var negative = text[0] == '-';
        var unsigned = text.TrimStart('+', '-');
        var value = unsigned.Length > 1 && unsigned[0] == '0'
            ? char.ToLowerInvariant(unsigned[1]) switch
            {
                'x' => ParseDigits(unsigned[2..], 16),
                'o' => ParseDigits(unsigned[2..], 8),
                'b' => ParseDigits(unsigned[2..], 2),
                _ => ParseDigits(unsigned[1..], 8),
            }
            : BigInteger.Parse(unsigned, CultureInfo.InvariantCulture);
        if (negative)
        {
            value = -value;
        }

        // Beyond 64 bits go-yaml falls back to a float, and so does this.
        return value >= long.MinValue && value <= long.MaxValue ? JsonValue.Create((long)value)
            : value >= 0 && value <= ulong.MaxValue ? JsonValue.Create((ulong)value)
            : JsonValue.Create((double)value);
    }

    private static BigInteger ParseDigits(string digits, int radix)
    {
        var value = BigInteger.Zero;
        foreach (var digit in digits)
        {
            value = (value * radix) + Convert.ToInt32(digit.ToString(), 16);
        }

        return value;
    }

    [GeneratedRegex(@"^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)\z")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z")]
    private static partial Regex Float();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))\z")]
    private static partial Regex NonFinite();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?\z")]
    private static partial Regex JsonNumber();
}

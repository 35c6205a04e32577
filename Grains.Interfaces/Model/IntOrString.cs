using System.Globalization;
using System.Text.Json.Serialization;
using OrleansKube.Serialization;

namespace OrleansKube.Model;

/// <summary>A value that is an integer or a string, such as <c>maxSurge: 1</c> or <c>maxSurge: "25%"</c>, or a named port.</summary>
[GenerateSerializer, Immutable, Alias("okube.IntOrString")]
[JsonConverter(typeof(IntOrStringJsonConverter))]
public readonly record struct IntOrString
{
    public IntOrString(int value)
    {
        IntValue = value;
        StringValue = null;
    }

    public IntOrString(string value)
    {
        IntValue = null;
        StringValue = value;
    }

    [Id(0)] public int? IntValue { get; init; }
    [Id(1)] public string? StringValue { get; init; }

    public bool IsPercent => StringValue is not null && StringValue.EndsWith('%');

    /// <summary>
    /// The absolute value against <paramref name="total"/>: an integer as it is, a percentage of the total
    /// rounded up or down as Kubernetes' <c>GetScaledValueFromIntOrPercent</c> does.
    /// </summary>
    public int Scale(int total, bool roundUp)
    {
        if (IntValue is { } value)
        {
            return value;
        }

        if (!TryPercent(out var percent))
        {
            throw new FormatException($"invalid value for IntOrString: invalid type: string is not a percentage: \"{StringValue}\"");
        }

        var scaled = total * (decimal)percent / 100m;
        return (int)(roundUp ? decimal.Ceiling(scaled) : decimal.Floor(scaled));
    }

    /// <summary>True and the number when this is a percentage such as <c>25%</c>.</summary>
    public bool TryPercent(out int percent)
    {
        percent = 0;
        return IsPercent && int.TryParse(StringValue.AsSpan(0, StringValue!.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out percent);
    }

    public override string ToString() => IntValue?.ToString(CultureInfo.InvariantCulture) ?? StringValue ?? "";

    public static implicit operator IntOrString(int value) => new(value);

    public static implicit operator IntOrString(string value) => new(value);
}

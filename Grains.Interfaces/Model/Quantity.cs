using System.Globalization;
using System.Text.Json.Serialization;
using OrleansKube.Serialization;

namespace OrleansKube.Model;

/// <summary>
/// A resource amount in Kubernetes notation: <c>250m</c>, <c>0.5</c>, <c>128Mi</c>, <c>1G</c>, <c>1e3</c>.
/// Keeps the text the user wrote and its exact value in base units (cores, bytes).
/// </summary>
[GenerateSerializer, Immutable, Alias("okube.Quantity")]
[JsonConverter(typeof(QuantityJsonConverter))]
public readonly struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    private static readonly (string Suffix, decimal Multiplier)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024),
        ("Ti", 1024m * 1024 * 1024 * 1024), ("Pi", 1024m * 1024 * 1024 * 1024 * 1024),
        ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("n", 0.000000001m), ("u", 0.000001m), ("m", 0.001m),
        ("k", 1e3m), ("M", 1e6m), ("G", 1e9m), ("T", 1e12m), ("P", 1e15m), ("E", 1e18m),
    ];

    private Quantity(decimal value, string text)
    {
        Value = value;
        Text = text;
    }

    /// <summary>The amount in base units: cores for cpu, bytes for memory.</summary>
    [Id(0)] public decimal Value { get; }

    /// <summary>The notation the quantity was written in.</summary>
    [Id(1)] public string Text { get; }

    /// <summary>The amount in thousandths of a base unit, rounded up as Kubernetes does.</summary>
    public long MilliValue => (long)decimal.Ceiling(Value * 1000);

    /// <summary>The amount in base units, rounded up.</summary>
    public long WholeValue => (long)decimal.Ceiling(Value);

    public static Quantity Zero { get; } = new(0, "0");

    /// <summary>A quantity of <paramref name="milli"/> thousandths, written as Kubernetes would (<c>250m</c>, <c>2</c>).</summary>
    public static Quantity FromMilli(long milli) =>
        new(milli / 1000m, milli % 1000 == 0 ? (milli / 1000).ToString(CultureInfo.InvariantCulture) : $"{milli}m");

    /// <summary>A byte count, written with the largest binary suffix that divides it (<c>128Mi</c>).</summary>
    public static Quantity FromBytes(long bytes)
    {
        string[] units = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
        var unit = 0;
        var scaled = bytes;
        while (scaled != 0 && scaled % 1024 == 0 && unit < units.Length - 1)
        {
            scaled /= 1024;
            unit++;
        }

        return new(bytes, scaled.ToString(CultureInfo.InvariantCulture) + units[unit]);
    }

    public static Quantity Parse(string text) =>
        TryParse(text, out var quantity, out var error) ? quantity : throw new FormatException(error);

    /// <summary>Parses Kubernetes notation; on failure <paramref name="error"/> says why in Kubernetes' words.</summary>
    public static bool TryParse(string? text, out Quantity quantity, out string error)
    {
        quantity = default;
        error = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
        if (string.IsNullOrWhiteSpace(text) || text != text.Trim())
        {
            return false;
        }

        var end = 0;
        if (text[0] is '+' or '-')
        {
            end++;
        }

        var digits = 0;
        var dots = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
        {
            if (text[end] == '.') dots++; else digits++;
            end++;
        }

        if (digits == 0 || dots > 1 ||
            !decimal.TryParse(text[..end], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var suffix = text[end..];
        decimal multiplier;
        try
        {
            if (!TryMultiplier(suffix, out multiplier))
            {
                return false;
            }

            quantity = new Quantity(number * multiplier, text);
            return true;
        }
        catch (OverflowException)
        {
            error = "quantity is too large";
            return false;
        }
    }

    private static bool TryMultiplier(string suffix, out decimal multiplier)
    {
        multiplier = 1;
        if (suffix.Length == 0)
        {
            return true;
        }

        foreach (var (name, value) in Suffixes)
        {
            if (suffix == name)
            {
                multiplier = value;
                return true;
            }
        }

        // Decimal exponent: 1e3, 5E-2.
        if (suffix[0] is 'e' or 'E' && suffix.Length > 1 &&
            int.TryParse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent) &&
            exponent is >= -18 and <= 18)
        {
            multiplier = exponent >= 0 ? Pow10(exponent) : 1 / Pow10(-exponent);
            return true;
        }

        return false;
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++) result *= 10;
        return result;
    }

    public bool Equals(Quantity other) => Value == other.Value;

    public override bool Equals(object? obj) => obj is Quantity other && Equals(other);

    public override int GetHashCode() => Value.GetHashCode();

    public int CompareTo(Quantity other) => Value.CompareTo(other.Value);

    public override string ToString() => Text ?? "0";

    public static bool operator ==(Quantity left, Quantity right) => left.Equals(right);

    public static bool operator !=(Quantity left, Quantity right) => !left.Equals(right);

    public static bool operator <(Quantity left, Quantity right) => left.CompareTo(right) < 0;

    public static bool operator >(Quantity left, Quantity right) => left.CompareTo(right) > 0;

    public static bool operator <=(Quantity left, Quantity right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Quantity left, Quantity right) => left.CompareTo(right) >= 0;
}

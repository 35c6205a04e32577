using OrleansKube.Model;

namespace OrleansKube.Tests.Unit;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("100m", "0.1", 100, 1)]
    [InlineData("0.5", "0.5", 500, 1)]
    [InlineData("1", "1", 1000, 1)]
    [InlineData("2", "2", 2000, 2)]
    [InlineData("1.5", "1.5", 1500, 2)]
    [InlineData("250m", "0.25", 250, 1)]
    [InlineData("128Mi", "134217728", 134217728000, 134217728)]
    [InlineData("2Ki", "2048", 2048000, 2048)]
    [InlineData("1.5Gi", "1610612736", 1610612736000, 1610612736)]
    [InlineData("1G", "1000000000", 1000000000000, 1000000000)]
    [InlineData("1k", "1000", 1000000, 1000)]
    [InlineData("1M", "1000000", 1000000000, 1000000)]
    [InlineData("1e3", "1000", 1000000, 1000)]
    [InlineData("5E-2", "0.05", 50, 1)]
    [InlineData("1n", "0.000000001", 1, 1)]
    [InlineData("+3", "3", 3000, 3)]
    [InlineData("-1", "-1", -1000, -1)]
    [InlineData("0", "0", 0, 0)]
    public void Parses_kubernetes_notation(string text, string value, long milli, long whole)
    {
        var quantity = Quantity.Parse(text);

        Assert.Equal(decimal.Parse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture), quantity.Value);
        Assert.Equal(milli, quantity.MilliValue);
        Assert.Equal(whole, quantity.WholeValue);
        Assert.Equal(text, quantity.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("1Mb")]
    [InlineData("Mi")]
    [InlineData("1e")]
    [InlineData("--1")]
    [InlineData(".")]
    [InlineData("0x10")]
    [InlineData("1 Gi")]
    public void Rejects_what_kubernetes_rejects(string text)
    {
        Assert.False(Quantity.TryParse(text, out _, out var error));
        Assert.Equal("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'", error);
        Assert.Throws<FormatException>(() => Quantity.Parse(text));
    }

    [Theory]
    [InlineData("1", "1000m")]
    [InlineData("128Mi", "134217728")]
    [InlineData("1G", "1e9")]
    [InlineData("0.5", "500m")]
    public void Equal_amounts_compare_equal_whatever_the_notation(string left, string right)
    {
        Assert.Equal(Quantity.Parse(left), Quantity.Parse(right));
        Assert.Equal(0, Quantity.Parse(left).CompareTo(Quantity.Parse(right)));
    }

    [Fact]
    public void Orders_by_amount()
    {
        Assert.True(Quantity.Parse("500m") < Quantity.Parse("1"));
        Assert.True(Quantity.Parse("1Gi") > Quantity.Parse("1G"));
        Assert.True(Quantity.Parse("-1") < Quantity.Zero);
    }

    [Theory]
    [InlineData(250, "250m")]
    [InlineData(1500, "1500m")]
    [InlineData(2000, "2")]
    [InlineData(0, "0")]
    [InlineData(1, "1m")]
    public void FromMilli_writes_what_kubernetes_writes(long milli, string text)
    {
        var quantity = Quantity.FromMilli(milli);

        Assert.Equal(text, quantity.ToString());
        Assert.Equal(milli, quantity.MilliValue);
    }

    [Theory]
    [InlineData(134217728, "128Mi")]
    [InlineData(1024, "1Ki")]
    [InlineData(1073741824, "1Gi")]
    [InlineData(1536, "1536")]
    [InlineData(1000, "1000")]
    [InlineData(0, "0")]
    public void FromBytes_uses_the_largest_binary_suffix_that_divides(long bytes, string text)
    {
        var quantity = Quantity.FromBytes(bytes);

        Assert.Equal(text, quantity.ToString());
        Assert.Equal(bytes, quantity.WholeValue);
    }
}

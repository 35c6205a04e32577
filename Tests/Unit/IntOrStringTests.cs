using OrleansKube.Model;

namespace OrleansKube.Tests.Unit;

public sealed class IntOrStringTests
{
    [Theory]
    [InlineData("25%", 10, true, 3)]
    [InlineData("25%", 10, false, 2)]
    [InlineData("25%", 4, true, 1)]
    [InlineData("25%", 4, false, 1)]
    [InlineData("33%", 3, true, 1)]
    [InlineData("33%", 3, false, 0)]
    [InlineData("100%", 7, false, 7)]
    [InlineData("0%", 5, true, 0)]
    [InlineData("150%", 2, true, 3)]
    [InlineData("25%", 0, true, 0)]
    public void Scales_percentages_rounding_as_asked(string percent, int total, bool roundUp, int expected)
    {
        Assert.Equal(expected, new IntOrString(percent).Scale(total, roundUp));
    }

    [Theory]
    [InlineData(5, 10, true)]
    [InlineData(5, 10, false)]
    [InlineData(0, 3, true)]
    public void Integers_are_absolute(int value, int total, bool roundUp)
    {
        Assert.Equal(value, new IntOrString(value).Scale(total, roundUp));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("%")]
    [InlineData("5")]
    [InlineData("x%")]
    public void A_string_that_is_not_a_percentage_cannot_scale(string value)
    {
        var error = Assert.Throws<FormatException>(() => new IntOrString(value).Scale(10, true));
        Assert.Contains($"\"{value}\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("25%", true, 25)]
    [InlineData("0%", true, 0)]
    [InlineData("25", false, 0)]
    [InlineData("-5%", false, 0)]
    public void TryPercent_reads_only_percentages(string value, bool ok, int percent)
    {
        Assert.Equal(ok, new IntOrString(value).TryPercent(out var actual));
        Assert.Equal(percent, actual);
    }
}

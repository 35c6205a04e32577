using OrleansKube.Api;

namespace OrleansKube.Tests.Client;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("30s", 30_000)]
    [InlineData("500ms", 500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2h45m", 9_900_000)]
    [InlineData(".5s", 500)]
    [InlineData("1000us", 1)]
    [InlineData("+5s", 5_000)]
    [InlineData("-5s", -5_000)]
    public void Parses_what_go_parses(string text, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), GoDuration.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("s")]
    [InlineData("5 s")]
    [InlineData("5d")]
    [InlineData("1m-5s")]
    [InlineData("soon")]
    [InlineData("99999999999999h")]
    public void Refuses_what_go_refuses(string text) => Assert.Null(GoDuration.Parse(text));

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(3, "300ns")]
    [InlineData(20, "2µs")]
    [InlineData(15_000, "1.5ms")]
    [InlineData(2_000_000, "200ms")]
    [InlineData(10_000_000, "1s")]
    [InlineData(15_000_000, "1.5s")]
    [InlineData(600_000_000, "1m0s")]
    [InlineData(900_000_000, "1m30s")]
    [InlineData(1_600_000_000, "2m40s")]
    [InlineData(3_000_000_000, "5m0s")]
    [InlineData(36_000_000_000, "1h0m0s")]
    [InlineData(37_250_000_000, "1h2m5s")]
    [InlineData(936_045_000_000, "26h0m4.5s")]
    [InlineData(-50_000_000, "-5s")]
    public void Formats_as_go_prints(long ticks, string expected) => Assert.Equal(expected, GoDuration.Format(TimeSpan.FromTicks(ticks)));
}

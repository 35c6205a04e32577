using OrleansKube.Client.Commands;

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
}

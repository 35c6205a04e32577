using OrleansKube.Kinds.Columns;

namespace OrleansKube.Tests.Client;

public sealed class AgeTests
{
    [Theory]
    [InlineData(-5, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(45, "45s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(192, "3m12s")]
    [InlineData(599, "9m59s")]
    [InlineData(600, "10m")]
    [InlineData(15 * 60 + 40, "15m")]
    [InlineData(3 * 3600 - 1, "179m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(5 * 3600 + 3 * 60 + 20, "5h3m")]
    [InlineData(8 * 3600 + 59 * 60, "8h")]
    [InlineData(47 * 3600, "47h")]
    [InlineData(48 * 3600, "2d")]
    [InlineData(52 * 3600 + 30 * 60, "2d4h")]
    [InlineData(8 * 86400, "8d")]
    [InlineData(30 * 86400 + 7 * 3600, "30d")]
    [InlineData(729 * 86400, "729d")]
    [InlineData(730 * 86400, "2y")]
    [InlineData(731 * 86400, "2y1d")]
    [InlineData(8 * 365 * 86400 + 86400, "8y")]
    public void HumanDuration_matches_kubectl(long seconds, string expected) =>
        Assert.Equal(expected, Age.HumanDuration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Since_without_a_timestamp_is_unknown() =>
        Assert.Equal("<unknown>", Age.Since(null, TestObjects.Now));

    [Fact]
    public void Since_measures_to_now() =>
        Assert.Equal("3m12s", Age.Since(TestObjects.Now - TimeSpan.FromSeconds(192), TestObjects.Now));
}

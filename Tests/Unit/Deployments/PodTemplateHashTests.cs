using OrleansKube.Deployments;
using static OrleansKube.Tests.Unit.Deployments.World;

namespace OrleansKube.Tests.Unit.Deployments;

public sealed class PodTemplateHashTests
{
    [Theory]
    [InlineData("", 2166136261u)]
    [InlineData("a", 0xe40c292cu)]
    [InlineData("foobar", 0xbf9cf968u)]
    public void Fnv32a_matches_the_reference_values(string text, uint expected) => Assert.Equal(expected, PodTemplateHash.Fnv32a(text));

    [Theory]
    [InlineData("1234567890", "56789bcdf4")]
    [InlineData("4294967295", "86f8fbc6f9")]
    public void Digits_are_encoded_as_SafeEncodeString_does(string digits, string expected) => Assert.Equal(expected, PodTemplateHash.SafeEncode(digits));

    [Fact]
    public void The_hash_is_stable_and_follows_the_template()
    {
        var hash = PodTemplateHash.Compute(Template("nginx:1"));

        Assert.Equal(hash, PodTemplateHash.Compute(Template("nginx:1")));
        Assert.NotEqual(hash, PodTemplateHash.Compute(Template("nginx:2")));
        Assert.Matches("^[4-9bcdf]{1,10}$", hash);
    }

    [Fact]
    public void Suffixes_are_five_safe_characters_and_differ_by_index()
    {
        var suffixes = Enumerable.Range(0, 100).Select(i => PodNames.Suffix("5d4cf56db6", i)).ToList();

        Assert.All(suffixes, suffix => Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]{5}$", suffix));
        Assert.Equal(100, suffixes.Distinct().Count());
    }
}

using OrleansKube.Silo.Runtime;

namespace OrleansKube.Tests.Runtime;

public sealed class NodeCgroupsTests
{
    [Theory]
    [InlineData("node-1.example", "node-1.example")]
    [InlineData("pod/uid with spaces", "pod_uid_with_spaces")]
    [InlineData("..", "_")]
    [InlineData("", "_")]
    public void Names_become_safe_directory_names(string name, string expected) =>
        Assert.Equal(expected, NodeCgroups.Sanitize(name));

    [Fact]
    public void Long_names_are_cut_at_100_characters() =>
        Assert.Equal(new string('a', 100), NodeCgroups.Sanitize(new string('a', 300)));
}

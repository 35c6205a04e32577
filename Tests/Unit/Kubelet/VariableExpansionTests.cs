using OrleansKube.Silo.Kubelet;

namespace OrleansKube.Tests.Unit.Kubelet;

public sealed class VariableExpansionTests
{
    private static readonly Dictionary<string, string> Variables = new() { ["PORT"] = "41000", ["NAME"] = "web" };

    [Theory]
    [InlineData("--port=$(PORT)", "--port=41000")]
    [InlineData("$(NAME)-$(PORT)", "web-41000")]
    [InlineData("$(MISSING)", "$(MISSING)")]
    [InlineData("$$(PORT)", "$(PORT)")]
    [InlineData("cost $5", "cost $5")]
    [InlineData("$PORT", "$PORT")]
    [InlineData("$(PORT", "$(PORT")]
    [InlineData("end $", "end $")]
    [InlineData("", "")]
    public void ExpandsAsKubernetes(string input, string expected) =>
        Assert.Equal(expected, VariableExpansion.Expand(input, Variables));
}

using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Scheduling.Plugins;

namespace OrleansKube.Tests.Unit.Scheduling;

public sealed class TolerationTests
{
    // The taint is dedicated=gpu:NoSchedule unless the row gives another.
    [Theory]
    [InlineData("dedicated", "Equal", "gpu", "NoSchedule", true)]
    [InlineData("dedicated", "Equal", "cpu", "NoSchedule", false)]
    [InlineData("dedicated", "Equal", null, "NoSchedule", false)] // Equal without a value matches only an empty value
    [InlineData("dedicated", "Equal", "", "NoSchedule", false)]
    [InlineData("dedicated", null, "gpu", "NoSchedule", true)] // the default operator is Equal
    [InlineData("dedicated", "", "gpu", "NoSchedule", true)]
    [InlineData("dedicated", null, "cpu", "NoSchedule", false)]
    [InlineData("dedicated", "Exists", null, "NoSchedule", true)]
    [InlineData("dedicated", "Exists", "ignored", "NoSchedule", true)]
    [InlineData(null, "Exists", null, null, true)] // an empty key with Exists tolerates every taint
    [InlineData("", "Exists", null, null, true)]
    [InlineData(null, "Exists", null, "NoSchedule", true)]
    [InlineData(null, "Exists", null, "NoExecute", false)]
    [InlineData(null, "Equal", "gpu", null, false)] // an empty key with Equal tolerates nothing
    [InlineData(null, null, "gpu", null, false)]
    [InlineData("", "Equal", "gpu", "NoSchedule", false)]
    [InlineData("dedicated", "Equal", "gpu", null, true)] // an empty effect matches every effect
    [InlineData("dedicated", "Equal", "gpu", "", true)]
    [InlineData("dedicated", "Equal", "gpu", "NoExecute", false)]
    [InlineData("dedicated", "Equal", "gpu", "PreferNoSchedule", false)]
    [InlineData("team", "Equal", "gpu", "NoSchedule", false)]
    [InlineData("team", "Exists", null, null, false)]
    [InlineData("Dedicated", "Exists", null, null, false)]
    [InlineData("dedicated", "Lt", "gpu", "NoSchedule", false)] // an operator Kubernetes does not know tolerates nothing
    [InlineData("dedicated", "exists", null, "NoSchedule", false)]
    public void Tolerates_dedicated_gpu(string? key, string? op, string? value, string? effect, bool expected)
    {
        var toleration = new Toleration { Key = key, Operator = op, Value = value, Effect = effect };
        var taint = new Taint { Key = "dedicated", Value = "gpu", Effect = TaintEffects.NoSchedule };

        Assert.Equal(expected, Tolerations.Tolerates(toleration, taint));
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("", null, true)]
    [InlineData(null, "", true)]
    [InlineData("", "", true)]
    [InlineData("gpu", null, false)]
    [InlineData(null, "gpu", false)]
    public void Equal_treats_a_missing_value_as_empty(string? tolerationValue, string? taintValue, bool expected)
    {
        var toleration = new Toleration { Key = "dedicated", Operator = Tolerations.Equal, Value = tolerationValue };
        var taint = new Taint { Key = "dedicated", Value = taintValue, Effect = TaintEffects.NoExecute };

        Assert.Equal(expected, Tolerations.Tolerates(toleration, taint));
    }
}

using OrleansKube.Model.Nodes;

namespace OrleansKube.Tests.Unit;

public sealed class NodeValidationTests
{
    private const string N = "Node \"node-1.example.com\": ";

    private static Node WithTaints(params Taint[] taints) => Samples.Node() with { Spec = Samples.Node().Spec with { Taints = [.. taints] } };

    private static Node WithStatus(Func<NodeStatus, NodeStatus> change) => Samples.Node() with { Status = change(Samples.Node().Status!) };

    private static readonly Dictionary<string, (Node Node, string[] Lines)> Cases = new()
    {
        ["taint without key"] = (WithTaints(new Taint { Effect = "NoSchedule" }), [N + "spec.taints[0].key: Invalid value: \"\": name part must be non-empty", N + "spec.taints[0].key: Invalid value: \"\": name part " + Check.QualifiedName]),
        ["taint key"] = (WithTaints(new Taint { Key = "a/b/c", Effect = "NoSchedule" }), [N + "spec.taints[0].key: Invalid value: \"a/b/c\": a qualified name " + Check.QualifiedName + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]),
        ["taint without effect"] = (WithTaints(new Taint { Key = "dedicated" }), [N + "spec.taints[0].effect: Required value"]),
        ["taint effect"] = (WithTaints(new Taint { Key = "dedicated", Effect = "Never" }), [N + "spec.taints[0].effect: Unsupported value: \"Never\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""]),
        ["taint value"] = (WithTaints(new Taint { Key = "dedicated", Value = "a b", Effect = "NoSchedule" }), [N + "spec.taints[0].value: Invalid value: \"a b\": " + Check.LabelValue]),
        ["duplicate taint"] = (WithTaints(new Taint { Key = "dedicated", Value = "a", Effect = "NoSchedule" }, new Taint { Key = "dedicated", Value = "b", Effect = "NoSchedule" }), [N + "spec.taints[1]: Duplicate value: \"dedicated=b:NoSchedule\": taints must be unique by key and effect pair"]),
        ["negative capacity"] = (WithStatus(s => s with { Capacity = Samples.Resources("cpu=-1", "memory=8Gi") }), [N + "status.capacity.cpu: Invalid value: \"-1\": must be greater than or equal to 0"]),
        ["negative allocatable"] = (WithStatus(s => s with { Allocatable = Samples.Resources("memory=-1Gi") }), [N + "status.allocatable.memory: Invalid value: \"-1Gi\": must be greater than or equal to 0"]),
        ["fractional pods"] = (WithStatus(s => s with { Capacity = Samples.Resources("pods=1.5") }), [N + "status.capacity.pods: Invalid value: \"1.5\": must be an integer"]),
    };

    public static TheoryData<string> InvalidCases => Check.Names(Cases);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Reports_each_invalid_field_as_kubernetes_words_it(string name)
    {
        var (node, lines) = Cases[name];

        Assert.Equal(Check.Lines(lines), Check.Errors(node));
    }

    [Fact]
    public void The_same_key_with_different_effects_is_fine()
    {
        Assert.Equal("", Check.Errors(WithTaints(
            new Taint { Key = "dedicated", Effect = "NoSchedule" },
            new Taint { Key = "dedicated", Effect = "NoExecute" },
            new Taint { Key = "dedicated", Effect = "PreferNoSchedule" })));
    }
}

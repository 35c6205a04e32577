using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Model.Nodes;

namespace OrleansKube.Kinds.Nodes;

/// <summary><c>v1/Node</c>, cluster-scoped.</summary>
public static class NodeKind
{
    public static ResourceInfo Resource { get; } = new(Node.KindName, "v1", "nodes", Namespaced: false, ["no"], typeof(Node));

    public static KindDescriptor<Node> Descriptor { get; } = new(Resource, NodeColumns.Set, (node, _, _) => NodeDescriber.Describe(node))
    {
        Subresources = [Subresource.Status(Resource)],
        Grain = (factory, _, name) => factory.GetGrain<INodeGrain>(name),
        Validation = NodeValidation.Validate,
        Fields = new Dictionary<string, Func<Node, string?>>
        {
            ["spec.unschedulable"] = node => node.Spec.Unschedulable == true ? "true" : "false",
        },
    };
}

using OrleansKube.Model.Nodes;

namespace OrleansKube.Grains;

/// <summary>A node, keyed by its name.</summary>
[Alias("okube.INodeGrain")]
public interface INodeGrain : IObjectGrain<Node>
{
}

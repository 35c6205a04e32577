using Microsoft.Extensions.Logging;
using OrleansKube.Grains;
using OrleansKube.Hosting;
using OrleansKube.Model.Nodes;

namespace OrleansKube.Api;

/// <summary>A node. A node's status (capacity, conditions) is what its kubelet, or its manifest for simulated nodes, reports.</summary>
public sealed class NodeGrain(
    [PersistentState("object", StorageNames.Cluster)] IPersistentState<ObjectState<Node>> state,
    ILogger<NodeGrain> logger)
    : ObjectGrain<Node>(state, logger), INodeGrain
{
    protected override Node WithInitialStatus(Node obj) => obj;
}

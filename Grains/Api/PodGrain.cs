using Microsoft.Extensions.Logging;
using OrleansKube.Grains;
using OrleansKube.Hosting;
using OrleansKube.Model.Pods;

namespace OrleansKube.Api;

/// <summary>A pod. It starts Pending; the scheduler binds it and the kubelet reports its status (later issues).</summary>
public sealed class PodGrain(
    [PersistentState("object", StorageNames.Cluster)] IPersistentState<ObjectState<Pod>> state,
    ILogger<PodGrain> logger)
    : ObjectGrain<Pod>(state, logger), IPodGrain
{
    protected override Pod WithInitialStatus(Pod obj) => obj with { Status = new PodStatus { Phase = PodPhase.Pending } };

    // The binding belongs to the scheduler: re-applying a manifest that leaves nodeName out keeps it.
    protected override Pod WithSpecFrom(Pod stored, Pod incoming) =>
        string.IsNullOrEmpty(incoming.Spec.NodeName) && !string.IsNullOrEmpty(stored.Spec.NodeName)
            ? stored with { Spec = incoming.Spec with { NodeName = stored.Spec.NodeName } }
            : stored.WithSpecOf(incoming);
}

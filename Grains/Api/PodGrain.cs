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
}

using Microsoft.Extensions.Logging;
using OrleansKube.Api;
using OrleansKube.Deployments;
using OrleansKube.Grains;
using OrleansKube.Hosting;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Pods;
using OrleansKube.Scheduling;
using OrleansKube.Serialization;

namespace OrleansKube.ApiServer;

/// <summary>
/// A pod. It starts Pending and goes to the scheduler; the scheduler binds it to a node, and the node's kubelet
/// (or the node itself, when simulated) reports its status. Deleting it releases it from scheduler and node.
/// </summary>
public sealed class PodGrain(
    [PersistentState("object", StorageNames.Cluster)] IPersistentState<ObjectState<Pod>> state,
    ILogger<PodGrain> logger)
    : ObjectGrain<Pod>(state, logger), IPodGrain
{
    private ISchedulerGrain Scheduler => GrainFactory.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key);

    public async Task<Pod> BindAsync(PodBinding binding)
    {
        var pod = Current ?? throw ApiException.NotFound(Resources.Pods, ObjectName);
        if (pod.Metadata.Uid != binding.PodUid)
        {
            throw ApiException.Conflict(Resources.Pods, ObjectName, $"the pod has uid {pod.Metadata.Uid}, the binding is for {binding.PodUid}");
        }

        if (SchedulingPod.IsBound(pod))
        {
            return pod.Spec.NodeName == binding.NodeName
                ? pod
                : throw ApiException.Conflict(Resources.Pods, ObjectName, $"pod {ObjectName} is already assigned to node \"{pod.Spec.NodeName}\"");
        }

        if (pod.Metadata.DeletionTimestamp is not null)
        {
            throw ApiException.Conflict(Resources.Pods, ObjectName, "the pod is being deleted");
        }

        var scheduled = new PodCondition { Type = WellKnown.PodScheduled, Status = WellKnown.ConditionTrue, LastTransitionTime = Clock.GetUtcNow() };
        var bound = pod with
        {
            Metadata = NextVersion(pod.Metadata),
            Spec = pod.Spec with { NodeName = binding.NodeName },
            Status = WithCondition(pod.Status, scheduled),
        };
        await CommitAsync(bound);
        Logger.LogDebug("Pod {Pod} bound to {Node}", this.GetPrimaryKeyString(), binding.NodeName);
        return bound;
    }

    public async Task MarkUnschedulableAsync(string podUid, string message)
    {
        var pod = Current;
        if (pod is null || pod.Metadata.Uid != podUid || SchedulingPod.IsBound(pod))
        {
            return;
        }

        var existing = pod.Status?.Conditions.FirstOrDefault(c => c.Type == WellKnown.PodScheduled);
        if (existing is { Status: WellKnown.ConditionFalse, Reason: WellKnown.Unschedulable } && existing.Message == message)
        {
            return;
        }

        var unschedulable = new PodCondition
        {
            Type = WellKnown.PodScheduled,
            Status = WellKnown.ConditionFalse,
            Reason = WellKnown.Unschedulable,
            Message = message,
            LastProbeTime = Clock.GetUtcNow(),
            LastTransitionTime = existing?.Status == WellKnown.ConditionFalse ? existing.LastTransitionTime : Clock.GetUtcNow(),
        };
        await CommitAsync(pod with { Metadata = NextVersion(pod.Metadata), Status = WithCondition(pod.Status, unschedulable) });
    }

    public async Task ReportStatusAsync(string podUid, string nodeName, PodStatus status)
    {
        var pod = Current ?? throw ApiException.NotFound(Resources.Pods, ObjectName);
        if (pod.Metadata.Uid != podUid)
        {
            throw ApiException.Conflict(Resources.Pods, ObjectName, $"the pod has uid {pod.Metadata.Uid}, the kubelet runs {podUid}");
        }

        if (pod.Spec.NodeName != nodeName)
        {
            throw ApiException.Conflict(Resources.Pods, ObjectName, $"the pod is bound to node \"{pod.Spec.NodeName}\", not \"{nodeName}\"");
        }

        if (PodPhase.IsTerminal(pod.Status?.Phase))
        {
            if (pod.Status?.Phase == status.Phase)
            {
                return;
            }

            throw ApiException.Conflict(Resources.Pods, ObjectName, $"the pod has ended ({pod.Status?.Phase}: {pod.Status?.Reason})");
        }

        var scheduled = pod.Status?.Conditions.FirstOrDefault(c => c.Type == WellKnown.PodScheduled);
        var reported = scheduled is null ? status : WithCondition(status, scheduled);
        if (KubeJson.SameJson(reported, pod.Status))
        {
            return;
        }

        await CommitAsync(pod with { Metadata = NextVersion(pod.Metadata), Status = reported });
    }

    protected override Pod WithInitialStatus(Pod obj) => obj with { Status = new PodStatus { Phase = PodPhase.Pending } };

    // The binding belongs to the scheduler: re-applying a manifest that leaves nodeName out keeps it.
    protected override Pod WithSpecFrom(Pod stored, Pod incoming) =>
        string.IsNullOrEmpty(incoming.Spec.NodeName) && !string.IsNullOrEmpty(stored.Spec.NodeName)
            ? stored with { Spec = incoming.Spec with { NodeName = stored.Spec.NodeName } }
            : stored.WithSpecOf(incoming);

    // A new pod goes to the scheduler. Later writes do not: the scheduler already has it, and its periodic
    // re-read finds any pod whose message was lost. The owner hears of every change of phase or readiness.
    protected override async Task OnStoredAsync(Pod? previous, Pod obj)
    {
        if (obj.Status?.Conditions.Any(c => c.Type == WellKnown.PodScheduled) != true)
        {
            await NotifyAsync(() => Scheduler.EnqueueAsync(obj), "scheduler");
        }

        if (previous is not null && (previous.Status?.Phase != obj.Status?.Phase || PodState.IsReady(previous) != PodState.IsReady(obj)))
        {
            await TellOwnerAsync(obj);
        }
    }

    protected override async Task OnDeletedAsync(Pod obj)
    {
        await NotifyAsync(() => Scheduler.PodDeletedAsync(obj), "scheduler");
        if (!string.IsNullOrEmpty(obj.Spec.NodeName))
        {
            await NotifyAsync(() => GrainFactory.GetGrain<INodeGrain>(obj.Spec.NodeName).ReleasePodAsync(this.GetPrimaryKeyString(), obj.Metadata.Uid!), "node");
        }

        await TellOwnerAsync(obj);
    }

    // The controller is found by its kind's descriptor, so any kind whose grain controls pods is told alike.
    private Task TellOwnerAsync(Pod pod) =>
        pod.Metadata.OwnerReferences.FirstOrDefault(o => o.Controller == true) is { } owner &&
        KindRegistry.ForKind(owner.Kind) is { HasObjectGrain: true } kind &&
        kind.GetGrain(GrainFactory, ObjectNamespace, owner.Name) is IControllerGrain controller
            ? NotifyAsync(controller.DependentChangedAsync, "owner")
            : Task.CompletedTask;

    private static PodStatus WithCondition(PodStatus? status, PodCondition condition)
    {
        status ??= new PodStatus { Phase = PodPhase.Pending };
        return status with { Conditions = [.. status.Conditions.Where(c => c.Type != condition.Type), condition] };
    }
}

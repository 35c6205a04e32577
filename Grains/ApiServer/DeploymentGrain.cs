using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using OrleansKube.Api;
using OrleansKube.Deployments;
using OrleansKube.Grains;
using OrleansKube.Hosting;
using OrleansKube.Kinds;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Events;
using OrleansKube.Model.Pods;
using OrleansKube.Serialization;

namespace OrleansKube.ApiServer;

/// <summary>
/// A deployment and its controller (kube-controller-manager's deployment controller, on the grain). A reconcile
/// reads the deployment's pods from its namespace, asks the pure <see cref="DeploymentReconciler"/> what to do, and
/// does it: create and delete pods, keep the revision history, write the status, record events. It is woken by
/// spec changes and by its pods (soon, coalesced), by its own timer while a rollout or scale is in progress, and
/// by a reminder every minute, which survives deactivation, silo failure and cluster restart.
/// </summary>
public sealed class DeploymentGrain : ObjectGrain<Deployment>, IDeploymentGrain, IRemindable
{
    private const string ReminderName = "reconcile";
    private const int Parallelism = 128;
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PodChangeDelay = TimeSpan.FromMilliseconds(20);

    private readonly IPersistentState<DeploymentHistoryState> _history;
    private IGrainTimer? _timer;
    private DateTimeOffset? _timerDue;

    public DeploymentGrain(
        [PersistentState("object", StorageNames.Cluster)] IPersistentState<ObjectState<Deployment>> state,
        [PersistentState("history", StorageNames.Cluster)] IPersistentState<DeploymentHistoryState> history,
        ILogger<DeploymentGrain> logger)
        : base(state, logger)
    {
        _history = history;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Current is not null)
        {
            await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
            ReconcileSoon(TimeSpan.Zero);
        }
    }

    public async Task<Deployment> ScaleAsync(int replicas)
    {
        var deployment = Current ?? throw ApiException.NotFound(Resources.Deployments, ObjectName);
        return await UpdateAsync(deployment with { Spec = deployment.Spec with { Replicas = replicas } });
    }

    public async Task<Deployment> PauseAsync(bool paused)
    {
        var deployment = Current ?? throw ApiException.NotFound(Resources.Deployments, ObjectName);
        if ((deployment.Spec.Paused == true) == paused)
        {
            throw new ApiException(ApiErrorReason.BadRequest, $"deployments.apps \"{ObjectName}\" is {(paused ? "already paused" : "not paused")}");
        }

        return await UpdateAsync(deployment with { Spec = deployment.Spec with { Paused = paused ? true : null } });
    }

    public async Task<Deployment> RollbackAsync(long? toRevision)
    {
        var deployment = Current ?? throw ApiException.NotFound(Resources.Deployments, ObjectName);
        var revisions = _history.State.Revisions;
        var target = toRevision is { } wanted
            ? revisions.FirstOrDefault(r => r.Revision == wanted)
              ?? throw new ApiException(ApiErrorReason.BadRequest, $"unable to find specified revision {wanted} in history")
            : revisions.Count >= 2
                ? revisions[^2]
                : throw new ApiException(ApiErrorReason.BadRequest, $"no rollout history found for deployment \"{ObjectName}\"");
        return await UpdateAsync(deployment with { Spec = deployment.Spec with { Template = target.Template } });
    }

    public Task<ImmutableList<DeploymentRevision>> GetHistoryAsync() => Task.FromResult(_history.State.Revisions);

    public Task DependentChangedAsync()
    {
        ReconcileSoon(PodChangeDelay);
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => ReconcileAsync();

    protected override Deployment WithInitialStatus(Deployment obj) => obj with { Status = null };

    // A new spec (created, scaled, template changed) is reconciled at once; the controller's own status writes are not.
    protected override async Task OnStoredAsync(Deployment? previous, Deployment obj)
    {
        if (previous is null)
        {
            await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
        }

        if (obj.Status?.ObservedGeneration != obj.Metadata.Generation)
        {
            ReconcileSoon(TimeSpan.Zero);
        }
    }

    // Cascading delete: the deployment's pods go with it, or, orphaned, stay without their owner.
    protected override async Task OnDeletingAsync(Deployment obj, DeletePropagation propagation)
    {
        var pods = await OwnedPodsAsync(obj);
        await Concurrently.ForEachAsync(pods, Parallelism, pod => propagation == DeletePropagation.Orphan
            ? OrphanPodAsync(pod, obj.Metadata.Uid)
            : DeletePodAsync(pod.Metadata.Name!));
    }

    protected override async Task OnDeletedAsync(Deployment obj)
    {
        // A reconcile still due went with the timer; a deployment made again under this name must not wait for it.
        _timer?.Dispose();
        _timer = null;
        _timerDue = null;
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await _history.ClearStateAsync();
    }

    /// <summary>Runs a reconcile after <paramref name="delay"/>, unless one is already due sooner.</summary>
    private void ReconcileSoon(TimeSpan delay)
    {
        var due = Clock.GetUtcNow() + delay;
        if (_timerDue is { } scheduled && scheduled <= due)
        {
            return;
        }

        _timerDue = due;
        _timer ??= this.RegisterGrainTimer(
            _ => ReconcileAsync(), new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        _timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private async Task ReconcileAsync()
    {
        _timerDue = null;
        var deployment = Current;
        if (deployment is null || deployment.Metadata.DeletionTimestamp is not null)
        {
            return;
        }

        var pods = await OwnedPodsAsync(deployment);
        var plan = DeploymentReconciler.Reconcile(new ReconcileInput(deployment, pods, _history.State.Revisions, Clock.GetUtcNow()));

        await Concurrently.ForEachAsync(plan.Create, Parallelism, CreatePodAsync);
        await Concurrently.ForEachAsync(plan.Delete, Parallelism, DeletePodAsync);

        if (!KubeJson.SameJson(plan.History, _history.State.Revisions))
        {
            _history.State.Revisions = plan.History;
            await _history.WriteStateAsync();
        }

        var current = Current ?? deployment;
        if (!KubeJson.SameJson(plan.Status, current.Status))
        {
            await CommitAsync(current with { Metadata = NextVersion(current.Metadata), Status = plan.Status });
        }

        foreach (var e in plan.Events)
        {
            Logger.LogInformation("Deployment {Deployment}: {Reason} {Message}", this.GetPrimaryKeyString(), e.Reason, e.Message);
            await RecordEventAsync(e);
        }

        if (plan.RequeueAfter is { } requeue)
        {
            ReconcileSoon(requeue);
        }
    }

    private async Task<IReadOnlyList<Pod>> OwnedPodsAsync(Deployment deployment)
    {
        var list = await GrainFactory.GetGrain<INamespaceGrain>(ObjectNamespace!).ListAsync(Pod.KindName, deployment.Spec.Selector);
        return [.. list.Items.Cast<Pod>().Where(pod => pod.Metadata.OwnerReferences.Any(owner => owner.Controller == true && owner.Uid == deployment.Metadata.Uid))];
    }

    private async Task CreatePodAsync(Pod pod)
    {
        try
        {
            await GrainFactory.GetObjectGrain<Pod>(ObjectNamespace, pod.Metadata.Name!).CreateAsync(pod);
            await RecordEventAsync(new DeploymentEvent(Event.Normal, "SuccessfulCreate", $"Created pod: {pod.Metadata.Name}"));
        }
        catch (ApiException exception) when (exception.Reason == ApiErrorReason.AlreadyExists)
        {
            // Made by an earlier reconcile whose news had not reached the namespace's list yet.
        }
        catch (ApiException exception)
        {
            Logger.LogWarning("Deployment {Deployment}: creating pod {Pod} failed: {Message}", this.GetPrimaryKeyString(), pod.Metadata.Name, exception.Message);
        }
    }

    private async Task DeletePodAsync(string name)
    {
        try
        {
            await GrainFactory.GetObjectGrain<Pod>(ObjectNamespace, name).DeleteAsync(null);
            await RecordEventAsync(new DeploymentEvent(Event.Normal, "SuccessfulDelete", $"Deleted pod: {name}"));
        }
        catch (ApiException exception) when (exception.Reason == ApiErrorReason.NotFound)
        {
            // Already gone.
        }
    }

    private async Task OrphanPodAsync(Pod pod, string? ownerUid)
    {
        var unowned = pod.WithMetadata(pod.Metadata with { OwnerReferences = pod.Metadata.OwnerReferences.RemoveAll(owner => owner.Uid == ownerUid) });
        try
        {
            await GrainFactory.GetObjectGrain<Pod>(ObjectNamespace, pod.Metadata.Name!).UpdateAsync(unowned);
        }
        catch (ApiException exception) when (exception.Reason == ApiErrorReason.NotFound)
        {
            // Already gone.
        }
    }

    private Task RecordEventAsync(DeploymentEvent e) =>
        Current is not { } deployment
            ? Task.CompletedTask
            : NotifyAsync(() => GrainFactory.GetGrain<INamespaceGrain>(ObjectNamespace!).RecordEventAsync(new Event
            {
                InvolvedObject = new ObjectReference
                {
                    Kind = deployment.Kind,
                    ApiVersion = deployment.ApiVersion,
                    Namespace = ObjectNamespace,
                    Name = ObjectName,
                    Uid = deployment.Metadata.Uid,
                },
                Type = e.Type,
                Reason = e.Reason,
                Message = e.Message,
                Source = new EventSource { Component = "deployment-controller" },
            }), "namespace");
}

/// <summary>The persisted revision history of a deployment, oldest first.</summary>
[GenerateSerializer, Alias("okube.DeploymentHistoryState")]
public sealed class DeploymentHistoryState
{
    [Id(0)] public ImmutableList<DeploymentRevision> Revisions { get; set; } = [];
}

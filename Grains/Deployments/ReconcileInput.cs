using System.Collections.Immutable;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Pods;

namespace OrleansKube.Deployments;

/// <summary>What the deployment controller sees: the deployment, the pods in its namespace that match its selector, its revision history, and the time.</summary>
public sealed record ReconcileInput(
    Deployment Deployment,
    IReadOnlyList<Pod> Pods,
    IReadOnlyList<DeploymentRevision> History,
    DateTimeOffset Now);

/// <summary>
/// What the deployment controller decided: pods to create and delete, the status to write, the revision history
/// to keep, events to record, and when to look again if nothing else wakes it.
/// </summary>
public sealed record ReconcilePlan(
    ImmutableList<Pod> Create,
    ImmutableList<string> Delete,
    DeploymentStatus Status,
    ImmutableList<DeploymentRevision> History,
    TimeSpan? RequeueAfter,
    ImmutableList<DeploymentEvent> Events);

/// <summary>An event for the deployment, such as <c>ScalingReplicaSet</c> / <c>Scaled up replica set web-5d4cf56db6 to 3</c>.</summary>
public sealed record DeploymentEvent(string Type, string Reason, string Message);

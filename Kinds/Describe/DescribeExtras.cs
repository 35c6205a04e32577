using OrleansKube.Model.Deployments;
using OrleansKube.Model.Events;

namespace OrleansKube.Kinds.Describe;

/// <summary>
/// What a description shows beyond the object itself, read separately and possibly unavailable: the events of its
/// namespace (the describer picks those about the object) and a deployment's revision history (null when unknown).
/// </summary>
public sealed record DescribeExtras(IReadOnlyList<Event> Events, IReadOnlyList<DeploymentRevision>? History = null)
{
    public static DescribeExtras None { get; } = new([]);
}

namespace OrleansKube.Model.Pods;

/// <summary>The scheduler's decision for one pod: the node, and the uid of the pod it was made for.</summary>
[GenerateSerializer, Immutable, Alias("okube.PodBinding")]
public sealed record PodBinding([property: Id(0)] string NodeName, [property: Id(1)] string PodUid);

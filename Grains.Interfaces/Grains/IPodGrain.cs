using OrleansKube.Model.Pods;

namespace OrleansKube.Grains;

/// <summary>A pod, keyed <c>namespace/name</c>.</summary>
[Alias("okube.IPodGrain")]
public interface IPodGrain : IObjectGrain<Pod>
{
}

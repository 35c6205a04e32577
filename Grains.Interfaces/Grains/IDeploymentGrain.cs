using OrleansKube.Model.Deployments;

namespace OrleansKube.Grains;

/// <summary>A deployment, keyed <c>namespace/name</c>.</summary>
[Alias("okube.IDeploymentGrain")]
public interface IDeploymentGrain : IObjectGrain<Deployment>
{
}

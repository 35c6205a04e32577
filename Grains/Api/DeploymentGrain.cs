using Microsoft.Extensions.Logging;
using OrleansKube.Grains;
using OrleansKube.Hosting;
using OrleansKube.Model.Deployments;

namespace OrleansKube.Api;

/// <summary>A deployment. Its controller arrives with the deployment controller issue.</summary>
public sealed class DeploymentGrain(
    [PersistentState("object", StorageNames.Cluster)] IPersistentState<ObjectState<Deployment>> state,
    ILogger<DeploymentGrain> logger)
    : ObjectGrain<Deployment>(state, logger), IDeploymentGrain
{
    protected override Deployment WithInitialStatus(Deployment obj) => obj with { Status = null };
}

using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Kinds.Validation;
using OrleansKube.Model.Deployments;

namespace OrleansKube.Kinds.Deployments;

/// <summary><c>apps/v1/Deployment</c>.</summary>
public static class DeploymentKind
{
    public static ResourceInfo Resource { get; } = new(Deployment.KindName, "apps/v1", "deployments", Namespaced: true, ["deploy"], typeof(Deployment));

    public static KindDescriptor<Deployment> Descriptor { get; } = new(Resource, DeploymentColumns.Set, DeploymentDescriber.Describe)
    {
        Categories = ["all"],
        Subresources = [Subresource.Status(Resource), new("scale", "autoscaling/v1", "Scale", ["get", "patch", "update"])],
        Grain = (factory, ns, name) => factory.GetGrain<IDeploymentGrain>(ObjectKey.For(ns, name)),
        Defaults = ObjectDefaults.ForDeployment,
        Validation = DeploymentValidation.Validate,
        UpdateValidation = UpdateValidation.ValidateDeployment,
        Scale = new(
            deployment => new(deployment.Spec.Replicas ?? 1, deployment.Status?.Replicas ?? 0, deployment.Spec.Selector?.ToString() ?? ""),
            (factory, ns, name, replicas) => factory.GetGrain<IDeploymentGrain>(ObjectKey.For(ns, name)).ScaleAsync(replicas)),
    };
}

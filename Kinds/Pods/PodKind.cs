using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Kinds.Validation;
using OrleansKube.Model.Pods;

namespace OrleansKube.Kinds.Pods;

/// <summary><c>v1/Pod</c>.</summary>
public static class PodKind
{
    public static ResourceInfo Resource { get; } = new(Pod.KindName, "v1", "pods", Namespaced: true, ["po"], typeof(Pod));

    public static KindDescriptor<Pod> Descriptor { get; } = new(Resource, PodColumns.Set, PodDescriber.Describe)
    {
        Categories = ["all"],
        Subresources = [Subresource.Status(Resource), new("log", "v1", "Pod", ["get"])],
        Grain = (factory, ns, name) => factory.GetGrain<IPodGrain>(ObjectKey.For(ns, name)),
        Defaults = ObjectDefaults.ForPod,
        Validation = (pod, errors) => PodSpecValidation.Validate(pod.Spec, FieldPath.Root.Child("spec"), errors),
        UpdateValidation = UpdateValidation.ValidatePod,
        Fields = new Dictionary<string, Func<Pod, string?>>
        {
            ["spec.nodeName"] = pod => pod.Spec.NodeName ?? "",
            ["spec.restartPolicy"] = pod => pod.Spec.RestartPolicy,
            ["status.phase"] = pod => pod.Status?.Phase ?? "",
            ["status.podIP"] = pod => pod.Status?.PodIP ?? "",
        },
    };
}

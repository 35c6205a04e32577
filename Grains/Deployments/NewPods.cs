using System.Collections.Immutable;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Pods;

namespace OrleansKube.Deployments;

/// <summary>The pods a plan creates: named after the deployment and template, labelled with the hash, owned by the deployment.</summary>
internal static class NewPods
{
    public static ImmutableList<Pod> Build(
        Deployment deployment, ObservedPods pods, ScalePlan plan, IReadOnlyDictionary<string, PodTemplateSpec> templates)
    {
        var name = deployment.Metadata.Name ?? "";
        var owner = new OwnerReference
        {
            ApiVersion = deployment.ApiVersion,
            Kind = Deployment.KindName,
            Name = name,
            Uid = deployment.Metadata.Uid ?? "",
            Controller = true,
            BlockOwnerDeletion = true,
        };

        // Names of pods still being deleted are taken too: a new pod must not collide with one that is going.
        var taken = pods.Owned.Select(pod => pod.Metadata.Name ?? "").ToHashSet(StringComparer.Ordinal);
        var created = ImmutableList.CreateBuilder<Pod>();
        foreach (var (hash, count) in plan.Creates)
        {
            var template = templates[hash];
            foreach (var podName in PodNames.Next(name, hash, count, taken))
            {
                created.Add(new Pod
                {
                    Metadata = new ObjectMeta
                    {
                        Name = podName,
                        Namespace = deployment.Metadata.Namespace,
                        Labels = template.Metadata.Labels.SetItem(PodTemplateHash.Label, hash),
                        Annotations = template.Metadata.Annotations,
                        OwnerReferences = [owner],
                    },
                    Spec = template.Spec,
                });
            }
        }

        return created.ToImmutable();
    }
}

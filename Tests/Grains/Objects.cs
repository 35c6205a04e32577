using System.Collections.Immutable;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Pods;

namespace OrleansKube.Tests.Grains;

/// <summary>Small valid objects for the grain tests.</summary>
internal static class Objects
{
    private static int _counter;

    /// <summary>A namespace name no other test uses.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..6]}";

    public static Namespace Namespace(string name) => new() { Metadata = new ObjectMeta { Name = name } };

    public static Pod Pod(string @namespace, string name, string app = "web") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = @namespace, Labels = Labels(("app", app)) },
        Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "busybox:1.36", Command = ["sleep", "60"] }] },
    };

    public static Deployment Deployment(string @namespace, string name, int replicas = 3) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = @namespace },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = Labels(("app", name)) },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = Labels(("app", name)) },
                Spec = new PodSpec { Containers = [new Container { Name = "main", Image = "nginx:1.27" }] },
            },
        },
    };

    public static ImmutableSortedDictionary<string, string> Labels(params (string Key, string Value)[] pairs) =>
        pairs.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}

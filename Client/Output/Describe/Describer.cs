using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Events;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;

namespace OrleansKube.Client.Output.Describe;

/// <summary>The text of <c>okube describe</c> for any kind.</summary>
internal static class Describer
{
    /// <param name="obj">The object to describe.</param>
    /// <param name="now">The time ages are measured to.</param>
    /// <param name="extras">Events and history read beside the object; none when left out.</param>
    public static string Describe(IKubeObject obj, DateTimeOffset now, DescribeExtras? extras = null) => obj switch
    {
        Pod pod => PodDescriber.Describe(pod, now, extras ?? DescribeExtras.None),
        Deployment deployment => DeploymentDescriber.Describe(deployment, now, extras ?? DescribeExtras.None),
        Node node => NodeDescriber.Describe(node),
        Namespace ns => NamespaceDescriber.Describe(ns),
        Event e => EventDescriber.Describe(e),
        _ => throw new ArgumentException($"cannot describe kind {obj.Kind}", nameof(obj)),
    };
}

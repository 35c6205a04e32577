using OrleansKube.Api;
using OrleansKube.Kinds.Deployments;
using OrleansKube.Kinds.Events;
using OrleansKube.Kinds.Namespaces;
using OrleansKube.Kinds.Nodes;
using OrleansKube.Kinds.Pods;

namespace OrleansKube.Kinds;

/// <summary>Short names for the resources of the kinds that code refers to by name; <see cref="KindRegistry"/> holds them all.</summary>
public static class Resources
{
    public static ResourceInfo Namespaces => NamespaceKind.Resource;

    public static ResourceInfo Nodes => NodeKind.Resource;

    public static ResourceInfo Pods => PodKind.Resource;

    public static ResourceInfo Deployments => DeploymentKind.Resource;

    public static ResourceInfo Events => EventKind.Resource;
}

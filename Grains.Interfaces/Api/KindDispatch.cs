using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;

namespace OrleansKube.Api;

/// <summary>Work on objects or grains of one kind, written once for every kind.</summary>
public interface IKindAction<TResult>
{
    TResult Run<T>()
        where T : IKubeObject<T>;
}

/// <summary>Calls an <see cref="IKindAction{TResult}"/> with the model type of a resource: the one place that maps kinds to types.</summary>
public static class KindDispatch
{
    public static TResult Run<TResult>(ResourceInfo resource, IKindAction<TResult> action) => resource.Kind switch
    {
        Pod.KindName => action.Run<Pod>(),
        Deployment.KindName => action.Run<Deployment>(),
        Node.KindName => action.Run<Node>(),
        Namespace.KindName => action.Run<Namespace>(),
        _ => throw new ArgumentException($"no grain serves kind {resource.Kind}", nameof(resource)),
    };
}

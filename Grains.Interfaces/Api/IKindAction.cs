using OrleansKube.Model;

namespace OrleansKube.Api;

/// <summary>Work on objects or grains of one kind, written once for every kind and run with a kind's model type by its descriptor.</summary>
public interface IKindAction<TResult>
{
    TResult Run<T>()
        where T : class, IKubeObject<T>;
}

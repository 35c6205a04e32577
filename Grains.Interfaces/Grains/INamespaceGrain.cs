using OrleansKube.Model.Namespaces;

namespace OrleansKube.Grains;

/// <summary>A namespace (keyed by its name) and the scope of the objects in it. Deleting it deletes them all.</summary>
[Alias("okube.INamespaceGrain")]
public interface INamespaceGrain : IObjectGrain<Namespace>, IObjectScope
{
}

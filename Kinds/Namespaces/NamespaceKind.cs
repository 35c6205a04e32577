using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Model;
using OrleansKube.Model.Namespaces;

namespace OrleansKube.Kinds.Namespaces;

/// <summary><c>v1/Namespace</c>, cluster-scoped; its name is a DNS-1123 label.</summary>
public static class NamespaceKind
{
    public static ResourceInfo Resource { get; } = new(Namespace.KindName, "v1", "namespaces", Namespaced: false, ["ns"], typeof(Namespace));

    public static KindDescriptor<Namespace> Descriptor { get; } = new(Resource, NamespaceColumns.Set, (ns, _, _) => NamespaceDescriber.Describe(ns))
    {
        Subresources = [Subresource.Status(Resource)],
        Grain = (factory, _, name) => factory.GetGrain<INamespaceGrain>(name),
        Validation = NamespaceValidation.Validate,
        NameRule = NameRules.IsDns1123Label,
        Fields = new Dictionary<string, Func<Namespace, string?>> { ["status.phase"] = ns => NamespaceColumns.Status(ns) },
    };
}

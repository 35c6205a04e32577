namespace OrleansKube.Api;

/// <summary>Grain keys of cluster objects: <c>namespace/name</c> for namespaced kinds, the name for cluster-scoped ones.</summary>
public static class ObjectKey
{
    public static string For(string? @namespace, string name) =>
        string.IsNullOrEmpty(@namespace) ? name : $"{@namespace}/{name}";

    /// <summary>Splits a key into namespace (null for cluster-scoped objects) and name.</summary>
    public static (string? Namespace, string Name) Parse(string key)
    {
        var slash = key.IndexOf('/');
        return slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
    }
}

namespace OrleansKube.Grains;

/// <summary>The registry of cluster-scoped objects, namespaces and nodes. One per cluster, key 0.</summary>
[Alias("okube.IClusterGrain")]
public interface IClusterGrain : IGrainWithIntegerKey, IObjectScope
{
    /// <summary>The key of the one cluster grain.</summary>
    public const long Key = 0;
}

namespace OrleansKube.Hosting;

/// <summary>Names of the grain storage providers; the silo decides what backs each.</summary>
public static class StorageNames
{
    /// <summary>Cluster objects and the name indexes of their scopes (the role of etcd).</summary>
    public const string Cluster = "okube";
}

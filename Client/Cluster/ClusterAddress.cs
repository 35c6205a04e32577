namespace OrleansKube.Client.Cluster;

/// <summary>How <c>okube</c> finds the cluster: one gateway (<see cref="GatewayAddress"/>) or Redis clustering (<see cref="RedisAddress"/>).</summary>
internal abstract record ClusterAddress
{
    /// <summary>Where the cluster was looked for, as error messages say it: <c>at 127.0.0.1:30000</c>.</summary>
    public abstract string Description { get; }
}

using StackExchange.Redis;

namespace OrleansKube.Client.Cluster;

/// <summary>
/// The Redis that a cluster with Redis clustering keeps its membership in, as given with <c>--redis</c> or
/// <c>OKUBE_REDIS</c>: a StackExchange.Redis configuration string such as <c>127.0.0.1:6379</c>. The client reads the
/// silos' gateways from it.
/// </summary>
internal sealed record RedisAddress(string Configuration) : ClusterAddress
{
    public const string EnvironmentVariable = "OKUBE_REDIS";

    // Never the password, which a configuration string may carry.
    public override string Description => $"through Redis at {ConfigurationOptions.Parse(Configuration).ToString(includePassword: false)}";

    /// <summary>The configuration string checked as the client will use it; null and an error when StackExchange.Redis refuses it.</summary>
    public static RedisAddress? Parse(string text, out string error)
    {
        error = "";
        try
        {
            if (ConfigurationOptions.Parse(text).EndPoints.Count > 0)
            {
                return new RedisAddress(text);
            }
        }
        catch (ArgumentException e)
        {
            error = $"invalid Redis connection \"{text}\": {(e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal))}";
            return null;
        }

        error = $"invalid Redis connection \"{text}\": expected a StackExchange.Redis configuration naming an endpoint, such as 127.0.0.1:6379";
        return null;
    }

    public ConfigurationOptions Options() => ConfigurationOptions.Parse(Configuration);
}

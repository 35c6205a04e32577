using System.Net;
using Orleans.Configuration;
using OrleansKube.Api;
using OrleansKube.Hosting;
using OrleansKube.Silo.Storage;
using StackExchange.Redis;

namespace OrleansKube.Silo.Hosting;

/// <summary>Wires a <see cref="ClusterProfile"/>: the clustering, grain storage and reminder service it chose.</summary>
public static class ProfileHostingExtensions
{
    /// <summary>
    /// Localhost clustering (the first silo holds the membership), or Redis clustering with the silo's address and ports
    /// advertised there; the cluster and service ids are <see cref="ClusterIdentity"/>'s either way.
    /// </summary>
    public static ISiloBuilder UseClustering(this ISiloBuilder silo, SiloSettings settings)
    {
        if (settings.Profile.Clustering == ClusteringChoice.Localhost)
        {
            return silo.UseLocalhostClustering(
                siloPort: settings.SiloPort,
                gatewayPort: settings.GatewayPort,
                primarySiloEndpoint: settings.Primary ?? new IPEndPoint(IPAddress.Loopback, settings.SiloPort),
                serviceId: ClusterIdentity.ServiceId,
                clusterId: ClusterIdentity.ClusterId);
        }

        return silo
            .UseRedisClustering(options => options.ConfigurationOptions = RedisConfiguration(settings.Profile))
            .ConfigureEndpoints(settings.Address, settings.SiloPort, settings.GatewayPort)
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = ClusterIdentity.ClusterId;
                options.ServiceId = ClusterIdentity.ServiceId;
            });
    }

    /// <summary>The cluster's grain storage (<see cref="StorageNames.Cluster"/>): memory, or Azure Table Storage.</summary>
    public static ISiloBuilder AddClusterStorage(this ISiloBuilder silo, ClusterProfile profile) => profile.Storage switch
    {
        StorageChoice.AzureTable => silo.AddAzureTableClusterStorage(profile.AzureStorage!, profile.AzureTable),
        _ => silo.AddMemoryGrainStorage(StorageNames.Cluster),
    };

    /// <summary>The reminder service: Orleans' in-memory one, or Redis.</summary>
    public static ISiloBuilder UseReminders(this ISiloBuilder silo, ClusterProfile profile) => profile.Reminders switch
    {
        RemindersChoice.Redis => silo.UseRedisReminderService(options => options.ConfigurationOptions = RedisConfiguration(profile)),
        _ => silo.UseInMemoryReminderService(),
    };

    /// <summary>Azure Table grain storage for the cluster's state, in <paramref name="tableName"/>.</summary>
    public static ISiloBuilder AddAzureTableClusterStorage(
        this ISiloBuilder silo, string connectionString, string tableName = ClusterProfile.DefaultAzureTable) =>
        silo.AddAzureTableGrainStorage(StorageNames.Cluster, options =>
        {
            options.ConnectionString = connectionString;
            options.TableName = tableName;
            options.MaxRetryTime = ClusterStorageRetryTime;
        });

    /// <summary>
    /// How long the cluster's grains wait out a storage outage before an API call fails: well inside a client's 30 s
    /// response timeout, so that <c>okube</c> shows the storage's failure rather than a timeout of its own.
    /// </summary>
    public static readonly TimeSpan ClusterStorageRetryTime = TimeSpan.FromSeconds(10);

    // A fresh copy for each user: the options object is mutable and each provider owns its own connection.
    private static ConfigurationOptions RedisConfiguration(ClusterProfile profile) => ConfigurationOptions.Parse(profile.Redis!);
}

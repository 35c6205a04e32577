using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansKube.Hosting;
using OrleansKube.Nodes;
using OrleansKube.Silo.Hosting;
using OrleansKube.Silo.Runtime;
using OrleansKube.Tests.Deployments;

namespace OrleansKube.Tests.Kubelet;

/// <summary>
/// A cluster of silos whose kubelets run the simulated runtime, over storage that outlives any silo and can be made
/// unreachable, with the node lifecycle controller's timings shortened: 1 s of silence marks a node, 1 s more fails
/// its pods (by default). One per test, since the tests kill and stop silos.
/// </summary>
internal sealed class WorkerCluster : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (BinaryData Data, string ETag)> _store = new();
    private readonly SharedReminderTable _reminders = new();

    private WorkerCluster(int silos, TimeSpan podEvictionTimeout)
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddReminders().AddOrleansKubeGrains().AddKubelet(kubelet =>
            {
                kubelet.Runtime = ContainerRuntimes.Simulated;
                kubelet.DataDirectory = Path.Combine(Path.GetTempPath(), "okube-tests", "workers-" + Guid.NewGuid().ToString("N")[..8], options.SiloName);
                kubelet.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
                kubelet.BackOffInitial = TimeSpan.FromMilliseconds(200);
                kubelet.ReportTimeout = TimeSpan.FromSeconds(1);
                kubelet.ShutdownGracePeriod = TimeSpan.FromSeconds(2);
            });
            silo.Services.Configure<NodeLifecycleOptions>(lifecycle =>
            {
                lifecycle.MonitorPeriod = TimeSpan.FromMilliseconds(200);
                lifecycle.NodeMonitorGracePeriod = TimeSpan.FromSeconds(1);
                lifecycle.PodEvictionTimeout = podEvictionTimeout;
            });
            silo.Services.AddSingleton<IReminderTable>(_reminders);
            silo.Services.AddGrainStorage(StorageNames.Cluster, (services, _) =>
                new SwitchableGrainStorage(new SharedGrainStorage(_store, services.GetRequiredService<IGrainStorageSerializer>()), () => StorageDown));
        });
        // A call the client sent through the gateway of a silo that is going away is lost with it; the tests poll, so
        // such a call should fail in seconds, not after Orleans' 30 s, and the next poll goes to a silo that is there.
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(10)));
        Cluster = builder.Build();
    }

    public InProcessTestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    /// <summary>While true, every storage call fails as an unreachable store's would.</summary>
    public volatile bool StorageDown;

    /// <summary>Starts the cluster; <paramref name="podEvictionTimeout"/> (default 1 s) is how long pods outlive their lost node.</summary>
    public static async Task<WorkerCluster> StartAsync(int silos, TimeSpan? podEvictionTimeout = null)
    {
        var cluster = new WorkerCluster(silos, podEvictionTimeout ?? TimeSpan.FromSeconds(1));
        await cluster.Cluster.DeployAsync();
        return cluster;
    }

    /// <summary>The simulated runtime of a silo's kubelet, to end its containers as a crash would.</summary>
    public SimulatedRuntime RuntimeOf(InProcessSiloHandle silo) => (SimulatedRuntime)silo.SiloHost.Services.GetRequiredService<IContainerRuntime>();

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}

/// <summary>Grain storage that fails every call while <paramref name="down"/> says so.</summary>
internal sealed class SwitchableGrainStorage(IGrainStorage inner, Func<bool> down) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Check() ?? inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Check() ?? inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Check() ?? inner.ClearStateAsync(stateName, grainId, grainState);

    private Task? Check() => down() ? Task.FromException(new IOException("storage is unreachable")) : null;
}

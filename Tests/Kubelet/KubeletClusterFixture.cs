using Orleans.TestingHost;
using OrleansKube.Hosting;
using OrleansKube.Silo.Hosting;

namespace OrleansKube.Tests.Kubelet;

/// <summary>
/// Two silos, each a worker node whose kubelet runs pods as real processes, with timings shortened for tests:
/// heartbeats every 200 ms, restart back-off from 500 ms to 2 s. Pods' files go to a temporary directory.
/// </summary>
public sealed class KubeletClusterFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "okube-tests", "kubelet-" + Guid.NewGuid().ToString("N")[..8]);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((options, silo) => silo
            .AddMemoryGrainStorage(StorageNames.Cluster)
            .UseInMemoryReminderService()
            .AddOrleansKubeGrains()
            .AddKubelet(kubelet =>
            {
                kubelet.DataDirectory = Path.Combine(_dataDirectory, options.SiloName);
                kubelet.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
                kubelet.BackOffInitial = TimeSpan.FromMilliseconds(500);
                kubelet.BackOffMax = TimeSpan.FromSeconds(2);
                kubelet.Cpu = "2";
                kubelet.Memory = "2Gi";
                kubelet.ShutdownGracePeriod = TimeSpan.FromSeconds(2);
            }));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class KubeletCollection : ICollectionFixture<KubeletClusterFixture>
{
    public const string Name = "kubelet";
}

using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Hosting;
using OrleansKube.Model.Pods;
using OrleansKube.Tests.Grains;
using OrleansKube.Tests.Scheduling;

namespace OrleansKube.Tests.Deployments;

/// <summary>Three silos over storage that survives a silo, so one can be killed in the middle of a rollout.</summary>
public sealed class FailoverClusterFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, (BinaryData Data, string ETag)> _store = new();
    private readonly SharedReminderTable _reminders = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddReminders().AddOrleansKubeGrains();
            silo.Services.AddSingleton<IReminderTable>(_reminders);
            silo.Services.AddGrainStorage(StorageNames.Cluster, (services, _) => new SharedGrainStorage(_store, services.GetRequiredService<IGrainStorageSerializer>()));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class FailoverCollection : ICollectionFixture<FailoverClusterFixture>
{
    public const string Name = "failover";
}

[Collection(FailoverCollection.Name)]
public sealed class FailoverTests(FailoverClusterFixture fixture)
{
    /// <summary>
    /// The deployment grain dies with its silo, timer and all. It comes back on another silo when a pod of its tells it
    /// of a change, or else when its reminder (in a table that outlives the silo) fires, and finishes the rollout.
    /// </summary>
    [Fact]
    public async Task A_rollout_finishes_when_the_silo_running_its_deployment_is_killed()
    {
        var client = fixture.Cluster.Client;
        var world = new ClusterWorld(client);
        await world.StartAsync();
        for (var i = 1; i <= 3; i++)
        {
            await world.AddNodeAsync($"fo-{i}", "16", "64Gi");
        }

        // The first silo holds the test cluster's membership and is not killed: pick a deployment name whose grain
        // is activated on another silo (asking for its history activates it without creating anything).
        IDeploymentGrain grain = null!;
        InProcessSiloHandle silo = fixture.Cluster.Silos[0];
        for (var attempt = 0; attempt < 50 && silo == fixture.Cluster.Silos[0]; attempt++)
        {
            grain = client.GetGrain<IDeploymentGrain>(ObjectKey.For(world.Namespace, $"web-{attempt}"));
            await grain.GetHistoryAsync();
            silo = await HostOfAsync(grain);
        }

        Assert.NotEqual(fixture.Cluster.Silos[0], silo);
        var name = grain.GetPrimaryKeyString().Split('/')[1];
        var manifest = Objects.Deployment(world.Namespace, name, replicas: 6);
        // Each new pod must stay ready 3 s before the next step: the rollout is certainly under way when the silo dies.
        var created = await grain.CreateAsync(manifest with { Spec = manifest.Spec with { MinReadySeconds = 3 } });
        await WaitForImageAsync(world, "nginx:1.27", seconds: 60);
        Assert.Equal(silo, await HostOfAsync(grain));

        var container = created.Spec.Template.Spec.Containers[0] with { Image = "nginx:1.28" };
        var current = (await grain.GetAsync())!;
        await grain.UpdateAsync(current with
        {
            Metadata = current.Metadata with { ResourceVersion = null },
            Spec = current.Spec with { Template = current.Spec.Template with { Spec = current.Spec.Template.Spec with { Containers = [container] } } },
        });

        // Counted before the kill: afterwards the namespace grain itself may be on the dead silo until membership says so.
        var midway = (await world.PodsAsync()).Count(p => p.Spec.Containers[0].Image == "nginx:1.28" && p.Status?.Phase == PodPhase.Running);
        Assert.True(midway < 6, "the rollout must still be under way when the silo is killed");
        await fixture.Cluster.KillSiloAsync(silo);

        var pods = await WaitForImageAsync(world, "nginx:1.28", seconds: 180);
        Assert.Equal(6, pods.Count);
        var history = await grain.GetHistoryAsync();
        Assert.Equal("nginx:1.28", history[^1].Template.Spec.Containers[0].Image);
    }

    private async Task<InProcessSiloHandle> HostOfAsync(IDeploymentGrain grain)
    {
        var statistics = await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(null, null);
        var host = statistics.Single(s => s.GrainId == grain.GetGrainId()).SiloAddress;
        return fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(host));
    }

    private static async Task<ImmutableList<Pod>> WaitForImageAsync(ClusterWorld world, string image, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try
            {
                var pods = (await world.PodsAsync()).Where(p => p.Metadata.OwnerReferences.Any(o => o.Kind == "Deployment")).ToImmutableList();
                if (pods.Count == 6 && pods.All(p => p.Status?.Phase == PodPhase.Running && p.Spec.Containers[0].Image == image))
                {
                    return pods;
                }
            }
            catch (Exception exception) when (exception is TimeoutException or OrleansException or SiloUnavailableException)
            {
                // Calls to the dead silo fail until membership has declared it dead.
            }

            if (DateTime.UtcNow >= deadline)
            {
                var pods = await world.PodsAsync().WaitAsync(TimeSpan.FromSeconds(30));
                Assert.Fail($"pods never all ran {image} within {seconds} s: " + string.Join(", ", pods.Select(p =>
                    $"{p.Metadata.Name} {p.Spec.Containers[0].Image} {p.Status?.Phase} node={p.Spec.NodeName}")));
            }

            await Task.Delay(200);
        }
    }
}

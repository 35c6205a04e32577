using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansKube.Hosting;
using OrleansKube.Scheduling;

namespace OrleansKube.Tests.Scheduling;

/// <summary>A cluster of its own for scheduling tests, so no other test's pods compete for its nodes.</summary>
public abstract class SchedulingClusterFixtureBase(ScoringStrategy strategy) : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Cluster).UseInMemoryReminderService().AddOrleansKubeGrains();
            silo.Services.Configure<SchedulerOptions>(options =>
            {
                options.ScoringStrategy = strategy;
                options.InitialBackoff = TimeSpan.FromMilliseconds(200);
                options.MaxBackoff = TimeSpan.FromSeconds(1);
            });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

public sealed class SchedulingClusterFixture() : SchedulingClusterFixtureBase(ScoringStrategy.LeastAllocated);

public sealed class PackingClusterFixture() : SchedulingClusterFixtureBase(ScoringStrategy.MostAllocated);

[CollectionDefinition(Name)]
public sealed class SchedulingCollection : ICollectionFixture<SchedulingClusterFixture>
{
    public const string Name = "scheduling";
}

[CollectionDefinition(Name)]
public sealed class PackingCollection : ICollectionFixture<PackingClusterFixture>
{
    public const string Name = "packing";
}

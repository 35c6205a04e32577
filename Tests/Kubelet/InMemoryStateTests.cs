using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using OrleansKube.Grains;
using OrleansKube.Hosting;
using OrleansKube.Model;
using OrleansKube.Model.Namespaces;
using OrleansKube.Silo.Hosting;

namespace OrleansKube.Tests.Kubelet;

/// <summary>The embedded profile's memory storage lives on the oldest silo, so killing another silo loses nothing.</summary>
public sealed class InMemoryStateTests
{
    [Fact]
    public async Task Killing_the_silos_other_than_the_first_loses_no_stored_object()
    {
        // The primary as localhost clustering names it: the first silo, which starts alone; the others join it.
        var builder = new InProcessTestClusterBuilder(1);
        int? primaryPort = null;
        builder.ConfigureSilo((options, silo) =>
        {
            var primary = new IPEndPoint(IPAddress.Loopback, primaryPort ??= options.SiloPort);
            silo.Services.Configure<DevelopmentClusterMembershipOptions>(clustering => clustering.PrimarySiloEndpoint = primary);
        });
        builder.ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorage(StorageNames.Cluster)
            .UseInMemoryReminderService()
            .KeepInMemoryStateOnPrimarySilo()
            .AddOrleansKubeGrains());
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        await cluster.StartAdditionalSiloAsync();
        await cluster.StartAdditionalSiloAsync();
        var names = Enumerable.Range(0, 30).Select(i => $"kept-{i}").ToList();
        foreach (var name in names)
        {
            await cluster.Client.GetGrain<INamespaceGrain>(name).CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = name } });
        }

        var storage = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var hosts = string.Join(", ", storage.Where(g => g.GrainType.Contains("MemoryStorage", StringComparison.Ordinal)).Select(g => $"{g.GrainId}@{g.SiloAddress}"));

        // The grains that lived on the killed silos come back on the first one, reading their state from storage.
        foreach (var silo in cluster.Silos.Where(s => s.SiloAddress.Endpoint.Port != primaryPort).ToList())
        {
            await cluster.KillSiloAsync(silo);
        }

        var missing = new List<string>();
        foreach (var name in names)
        {
            if (await GetAsync(cluster.Client.GetGrain<INamespaceGrain>(name)) is null)
            {
                missing.Add(name);
            }
        }

        Assert.True(missing.Count == 0, $"lost {string.Join(", ", missing)}; primary port {primaryPort}; storage on {hosts}");
    }

    // The client may have been connected through a killed silo: calls fail until it has moved to the one left.
    private static async Task<Namespace?> GetAsync(INamespaceGrain grain)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return await grain.GetAsync();
            }
            catch (Exception exception) when (exception is SiloUnavailableException or OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException or TimeoutException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}

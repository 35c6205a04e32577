using Orleans.TestingHost;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Hosting;
using OrleansKube.Model.Deployments;
using OrleansKube.Serialization;
using OrleansKube.Silo.Storage;
using OrleansKube.Tests.Grains;

namespace OrleansKube.Tests.Storage;

/// <summary>The cluster's objects kept in Azure Table storage outlive the whole cluster, as etcd's do.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableClusterRestartTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_namespace_and_deployment_come_back_after_the_whole_cluster_restarts()
    {
        // A table of its own, which the first start has to create.
        var table = "Restart" + Guid.NewGuid().ToString("N")[..12];
        var serviceId = Objects.UniqueName("service");
        var ns = Objects.UniqueName("ns");
        Deployment created;
        await using (var first = await StartAsync(table, serviceId))
        {
            await first.Client.GetGrain<INamespaceGrain>(ns).CreateAsync(Objects.Namespace(ns));
            var deployment = first.Client.GetGrain<IDeploymentGrain>(ObjectKey.For(ns, "web"));
            await deployment.CreateAsync(Objects.Deployment(ns, "web", replicas: 1));
            created = (await deployment.ScaleAsync(2))!;
        }

        await using var second = await StartAsync(table, serviceId);
        var back = await second.Client.GetGrain<IDeploymentGrain>(ObjectKey.For(ns, "web")).GetAsync();
        var space = await second.Client.GetGrain<INamespaceGrain>(ns).GetAsync();

        Assert.NotNull(space);
        Assert.NotNull(back);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.Equal(created.Metadata.Uid, back.Metadata.Uid);
        Assert.Equal(2, back.Metadata.Generation);
        Assert.Equal(created.Metadata.Generation, back.Metadata.Generation);
        Assert.True(KubeJson.SameJson(created.Spec, back.Spec), KubeJson.Serialize(back.Spec));
        var names = await second.Client.GetGrain<INamespaceGrain>(ns).ListAsync(Deployment.KindName, null);
        Assert.Equal(["web"], names.Items.Select(d => d.Metadata.Name));
    }

    [Fact]
    public async Task A_silo_with_bad_storage_options_does_not_start_and_says_why()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .AddAzureTableGrainStorage(StorageNames.Cluster, options => options.TableName = "no_underscores")
            .UseInMemoryReminderService()
            .AddOrleansKubeGrains());
        await using var cluster = builder.Build();

        var failed = await Record.ExceptionAsync(cluster.DeployAsync);

        Assert.NotNull(failed);
        Assert.Contains("Azure Table grain storage 'okube': ConnectionString is required", failed.ToString(), StringComparison.Ordinal);
        Assert.Contains("TableName 'no_underscores' is not a valid table name", failed.ToString(), StringComparison.Ordinal);
    }

    private async Task<InProcessTestCluster> StartAsync(string table, string serviceId)
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) => silo
            .AddAzureTableGrainStorage(StorageNames.Cluster, options =>
            {
                options.ConnectionString = azurite.ConnectionString;
                options.TableName = table;
            })
            .UseInMemoryReminderService()
            .AddOrleansKubeGrains());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}

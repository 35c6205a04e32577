using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Model;
using OrleansKube.Model.Namespaces;
using OrleansKube.Nodes;
using OrleansKube.Scheduling;

namespace OrleansKube.Hosting;

/// <summary>Wires the API grains into a silo. Storage, clustering and reminders are the host's choice.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Adds what the API grains need: state stored in Orleans' own binary format (compact, fast, and able to
    /// carry immutable collections, which the default JSON storage format cannot), the scheduler's and node lifecycle controller's options,
    /// and at start the <c>default</c> namespace and a running scheduler.
    /// </summary>
    public static ISiloBuilder AddOrleansKubeGrains(this ISiloBuilder builder)
    {
        builder.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        builder.Services.AddOptions<SchedulerOptions>();
        builder.Services.AddOptions<NodeLifecycleOptions>();
        return builder.AddStartupTask(static (services, _) => StartAsync(services.GetRequiredService<IGrainFactory>()));
    }

    // Each silo, as it starts, makes sure the built-in namespaces exist and wakes the scheduler, which then reads the
    // cluster and places any pod still waiting (after a restart, or when the silo that held it died).
    private static async Task StartAsync(IGrainFactory grains)
    {
        await Task.WhenAll(Namespace.BuiltIn.Select(name => EnsureNamespaceAsync(grains, name)));
        await grains.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key).GetStatisticsAsync();
    }

    private static async Task EnsureNamespaceAsync(IGrainFactory grains, string name)
    {
        try
        {
            await grains.GetGrain<INamespaceGrain>(name).CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = name } });
        }
        catch (ApiException exception) when (exception.Reason == ApiErrorReason.AlreadyExists)
        {
            // Another silo, or an earlier start, made it.
        }
    }
}

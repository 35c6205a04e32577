using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Model;
using OrleansKube.Model.Namespaces;
using OrleansKube.Scheduling;

namespace OrleansKube.Hosting;

/// <summary>Wires the API grains into a silo. Storage, clustering and reminders are the host's choice.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Adds what the API grains need: state stored in Orleans' own binary format (compact, fast, and able to
    /// carry immutable collections, which the default JSON storage format cannot), and the <c>default</c> namespace at start.
    /// </summary>
    public static ISiloBuilder AddOrleansKubeGrains(this ISiloBuilder builder)
    {
        builder.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        builder.Services.AddOptions<SchedulerOptions>();
        return builder.AddStartupTask(static (services, _) => EnsureDefaultNamespaceAsync(services.GetRequiredService<IGrainFactory>()));
    }

    private static async Task EnsureDefaultNamespaceAsync(IGrainFactory grains)
    {
        try
        {
            await grains.GetGrain<INamespaceGrain>(Namespace.Default)
                .CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = Namespace.Default } });
        }
        catch (ApiException exception) when (exception.Reason == ApiErrorReason.AlreadyExists)
        {
            // Another silo, or an earlier start, made it.
        }
    }
}

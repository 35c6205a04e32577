using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
    // The longest wait between tries of the start-up work when the cluster did not answer it.
    private static readonly TimeSpan RetryLimit = TimeSpan.FromSeconds(30);

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
        return builder.AddStartupTask(static (services, _) => StartAsync(services));
    }

    // Each silo, as it starts, makes sure the built-in namespaces exist and wakes the scheduler, which then reads the
    // cluster and places any pod still waiting (after a restart, or when the silo that held it died). A cluster still
    // recovering may not answer in time; the silo then starts anyway and tries again in the background, rather than
    // failing its start (which would stop it) over work any other silo's start does too.
    private static async Task StartAsync(IServiceProvider services)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        try
        {
            await EnsureClusterAsync(grains);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException or OrleansException or ApiException)
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SiloBuilderExtensions));
            logger.LogWarning(exception, "The built-in namespaces and the scheduler could not be reached at start; trying again in the background");
            var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = Task.Run(() => RetryAsync(grains, logger, stopping), CancellationToken.None);
        }
    }

    private static async Task RetryAsync(IGrainFactory grains, ILogger logger, CancellationToken stopping)
    {
        for (var delay = TimeSpan.FromSeconds(1); !stopping.IsCancellationRequested; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, RetryLimit.Ticks)))
        {
            try
            {
                await Task.Delay(delay, stopping);
                await EnsureClusterAsync(grains);
                logger.LogInformation("The built-in namespaces exist and the scheduler runs");
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is TimeoutException or OperationCanceledException or OrleansException or ApiException)
            {
                logger.LogWarning("The built-in namespaces and the scheduler could not be reached yet: {Message}", exception.Message);
            }
        }
    }

    private static async Task EnsureClusterAsync(IGrainFactory grains)
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

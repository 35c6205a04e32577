using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansKube.Api;

namespace OrleansKube.Client.Cluster;

/// <summary>A connection to the cluster for the length of one command.</summary>
internal interface IClusterSession : IAsyncDisposable
{
    IGrainFactory Grains { get; }
}

/// <summary>
/// An Orleans client connected to one gateway, or to the gateways Redis clustering lists. It logs nothing (its output would mix with the command's) and gives up
/// after a few seconds rather than retrying forever, so a command against a stopped cluster fails fast.
/// </summary>
internal sealed class ClusterConnection : IClusterSession
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(2);

    private readonly IHost _host;

    private ClusterConnection(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IClusterClient>();
    }

    public IGrainFactory Grains { get; }

    public static async Task<IClusterSession> ConnectAsync(ClusterAddress address, CancellationToken cancellationToken)
    {
        System.Net.IPEndPoint? endpoint = null;
        if (address is GatewayAddress gateway)
        {
            try
            {
                endpoint = await gateway.ResolveAsync(cancellationToken);
            }
            catch (SocketException e)
            {
                throw new ClusterUnreachableException(gateway, e.Message, e);
            }
        }

        // No defaults: an appsettings.json in the current directory (a silo's, say) must not configure the client.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        var attempts = Stopwatch.StartNew();
        builder.UseOrleansClient(client =>
        {
            _ = endpoint is not null
                ? client.UseStaticClustering(endpoint)
                : client.UseRedisClustering(options => options.ConfigurationOptions = ((RedisAddress)address).Options());
            client
                .Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = ClusterIdentity.ClusterId;
                    options.ServiceId = ClusterIdentity.ServiceId;
                })
                .AddOutgoingGrainCallFilter(async call =>
                {
                    // The storage may fail a call in the grain or in its activation, before any grain code runs:
                    // either way the command sees an API refusal, as kubectl does when etcd is unavailable.
                    try
                    {
                        await call.Invoke();
                    }
                    catch (StorageUnavailableException e)
                    {
                        throw ApiException.StorageUnavailable(e);
                    }
                })
                .UseConnectionRetryFilter(async (_, token) =>
                {
                    if (attempts.Elapsed >= GiveUpAfter || cancellationToken.IsCancellationRequested)
                    {
                        return false;
                    }

                    using var either = CancellationTokenSource.CreateLinkedTokenSource(token, cancellationToken);
                    await Task.Delay(RetryDelay, either.Token);
                    return true;
                });
        });

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            return new ClusterConnection(host);
        }
        catch (Exception e)
        {
            host.Dispose();

            // Ctrl+C while connecting ends the command quietly, whatever the client made of it.
            cancellationToken.ThrowIfCancellationRequested();

            // StackExchange.Redis's own words advise settings of its API, which mean nothing to a user of okube.
            var reason = e is StackExchange.Redis.RedisConnectionException redis ? $"Redis did not answer ({redis.FailureType})" : e.Message;
            throw new ClusterUnreachableException(address, reason, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or Orleans.Runtime.OrleansException or TimeoutException)
        {
            // The command's work is done; a cluster that went away meanwhile must not turn it into a failure.
        }

        _host.Dispose();
    }

    /// <summary>Leaves Ctrl+C to the command line: the default console lifetime would stop the client under a running command.</summary>
    private sealed class CommandLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

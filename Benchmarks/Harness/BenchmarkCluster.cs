using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansKube.Api;
using OrleansKube.Harness;
using OrleansKube.Hosting;
using OrleansKube.Silo.KubeApi;

namespace OrleansKube.Benchmarks.Harness;

/// <summary>
/// A cluster in this process with the embedded default profile, on free loopback ports: one silo, or several joined to
/// the first, each optionally configured further (a kubelet, for scenarios with real nodes).
/// </summary>
internal sealed class BenchmarkCluster : IAsyncDisposable
{
    public const string ClusterId = "okube-bench";

    private readonly List<IHost> _hosts;

    private BenchmarkCluster(List<IHost> hosts, int gatewayPort)
    {
        _hosts = hosts;
        GatewayPort = gatewayPort;
    }

    /// <summary>The first silo's grain factory: calls from inside the cluster, with no network hop to a gateway.</summary>
    public IGrainFactory Grains => _hosts[0].Services.GetRequiredService<IGrainFactory>();

    /// <summary>The first silo's client gateway on 127.0.0.1.</summary>
    public int GatewayPort { get; }

    /// <summary>
    /// Starts <paramref name="silos"/> silos; with <paramref name="apiPort"/> the first also serves the Kubernetes API on it,
    /// as a silo process does on its <c>--api-port</c>.
    /// </summary>
    public static async Task<BenchmarkCluster> StartAsync(int silos = 1, Action<int, ISiloBuilder>? configure = null, int? apiPort = null)
    {
        var hosts = new List<IHost>();
        var primary = new IPEndPoint(IPAddress.Loopback, LoopbackPorts.Next());
        var firstGateway = 0;
        for (var index = 0; index < silos; index++)
        {
            var servesApi = index == 0 && apiPort is not null;
            IHostApplicationBuilder builder = servesApi ? WebApplication.CreateBuilder() : Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            var siloPort = index == 0 ? primary.Port : LoopbackPorts.Next();
            var gatewayPort = LoopbackPorts.Next();
            firstGateway = index == 0 ? gatewayPort : firstGateway;
            var number = index;
            builder.UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, primary, serviceId: ClusterIdentity.ServiceId, clusterId: ClusterId)
                    .AddMemoryGrainStorage(StorageNames.Cluster)
                    .UseInMemoryReminderService()
                    .AddOrleansKubeGrains();
                configure?.Invoke(number, silo);
            });
            IHost host;
            if (builder is WebApplicationBuilder web)
            {
                web.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, apiPort!.Value));
                web.Services.AddKubeApi(web.Configuration);
                var app = web.Build();
                app.MapKubeApi(apiPort!.Value);
                host = app;
            }
            else
            {
                host = ((HostApplicationBuilder)builder).Build();
            }

            await host.StartAsync();
            hosts.Add(host);
        }

        return new BenchmarkCluster(hosts, firstGateway);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansKube.Api;
using OrleansKube.Hosting;

namespace OrleansKube.Benchmarks.Harness;

/// <summary>
/// A cluster in this process with the embedded default profile, on free loopback ports: one silo, or several joined to
/// the first, each optionally configured further (a kubelet, for scenarios with real nodes).
/// </summary>
internal sealed class BenchmarkCluster : IAsyncDisposable
{
    private readonly List<IHost> _hosts;

    private BenchmarkCluster(List<IHost> hosts) => _hosts = hosts;

    public IGrainFactory Grains => _hosts[0].Services.GetRequiredService<IGrainFactory>();

    public static async Task<BenchmarkCluster> StartAsync(int silos = 1, Action<int, ISiloBuilder>? configure = null)
    {
        var hosts = new List<IHost>();
        var primary = new IPEndPoint(IPAddress.Loopback, FreePort());
        for (var index = 0; index < silos; index++)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            var siloPort = index == 0 ? primary.Port : FreePort();
            var number = index;
            builder.UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(siloPort, FreePort(), primary, serviceId: ClusterIdentity.ServiceId, clusterId: "okube-bench")
                    .AddMemoryGrainStorage(StorageNames.Cluster)
                    .UseInMemoryReminderService()
                    .AddOrleansKubeGrains();
                configure?.Invoke(number, silo);
            });
            var host = builder.Build();
            await host.StartAsync();
            hosts.Add(host);
        }

        return new BenchmarkCluster(hosts);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

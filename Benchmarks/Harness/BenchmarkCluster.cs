using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansKube.Api;
using OrleansKube.Hosting;

namespace OrleansKube.Benchmarks.Harness;

/// <summary>A one-silo cluster in this process with the embedded default profile, on free loopback ports.</summary>
internal sealed class BenchmarkCluster : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchmarkCluster(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<BenchmarkCluster> StartAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort(), FreePort(), serviceId: ClusterIdentity.ServiceId, clusterId: "okube-bench")
            .AddMemoryGrainStorage(StorageNames.Cluster)
            .UseInMemoryReminderService()
            .AddOrleansKubeGrains());
        var host = builder.Build();
        await host.StartAsync();
        return new BenchmarkCluster(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using OrleansKube.Api;

namespace OrleansKube.Benchmarks.Harness;

/// <summary>
/// An Orleans client in this process, connected over loopback to one silo's gateway the way <c>okube</c> connects:
/// its calls pay the gateway hop and serialization that an API caller pays, which calls from a silo's own grain
/// factory do not.
/// </summary>
internal sealed class BenchmarkClient : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchmarkClient(IHost host) => _host = host;

    public IClusterClient Grains => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<BenchmarkClient> ConnectAsync(int gatewayPort, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client
            .UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort))
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = ClusterIdentity.ServiceId;
            }));
        var host = builder.Build();
        await host.StartAsync();
        return new BenchmarkClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

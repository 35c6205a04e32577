using OrleansKube.Benchmarks.Harness;
using OrleansKube.Harness;

namespace OrleansKube.Benchmarks.Scenarios;

/// <summary>
/// The Kubernetes HTTP API as kubectl and client libraries use it, on the same 10,000 pods and 1,000 simulated nodes as
/// <see cref="ApiScenario"/>: from a client process of its own (<see cref="KubeApiClientProcess"/>), single pods fetched
/// over HTTP, the namespace listed as <c>kubectl get pods</c> lists it (tables, 500 rows a chunk) and as JSON in chunks
/// of 500, and the delay from a write to its watch event at the client; each beside the same through the Orleans
/// gateway. The headline is the HTTP get p99; the reference is the gateway get p99 of the same run.
/// </summary>
internal sealed class KubeApiScenario(int nodes = 1000, int pods = 10_000, int gets = 2000, int lists = 30, int watches = 200, int concurrency = 256) : IScenario
{
    private const string Namespace = "kubeapi";

    public async Task<BenchmarkResult> RunAsync()
    {
        var apiPort = LoopbackPorts.Next();
        await using var cluster = await BenchmarkCluster.StartAsync(apiPort: apiPort);
        await ApiScenario.SeedAsync(cluster.Grains, Namespace, nodes, pods, concurrency);

        var t = await KubeApiClientProcess.MeasureAsync($"http://127.0.0.1:{apiPort}", cluster.GatewayPort, Namespace, pods, gets, lists, watches);

        double Ms(List<double> times, double share) => Math.Round(Latencies.Percentile(times, share), 2);
        return new BenchmarkResult(
            "kubeapi", Latencies.Percentile(t.HttpGet, 0.99), "ms", Latencies.Percentile(t.GatewayGet, 0.99), "ms gateway get p99",
            "get p99 <= 2 ms; kubectl list p99 <= 300 ms; watch p99 <= 50 ms",
            new Dictionary<string, object>
            {
                ["http_get_p50"] = Ms(t.HttpGet, 0.50),
                ["http_get_p99"] = Ms(t.HttpGet, 0.99),
                ["gateway_get_p50"] = Ms(t.GatewayGet, 0.50),
                ["gateway_get_p99"] = Ms(t.GatewayGet, 0.99),
                ["kubectl_table_list_p50"] = Ms(t.HttpTableList, 0.50),
                ["kubectl_table_list_p99"] = Ms(t.HttpTableList, 0.99),
                ["http_json_list_p50"] = Ms(t.HttpJsonList, 0.50),
                ["http_json_list_p99"] = Ms(t.HttpJsonList, 0.99),
                ["gateway_list_p50"] = Ms(t.GatewayList, 0.50),
                ["gateway_list_p99"] = Ms(t.GatewayList, 0.99),
                ["http_watch_p50"] = Ms(t.HttpWatch, 0.50),
                ["http_watch_p99"] = Ms(t.HttpWatch, 0.99),
                ["gateway_watch_p50"] = Ms(t.GatewayWatch, 0.50),
                ["gateway_watch_p99"] = Ms(t.GatewayWatch, 0.99),
                ["gets"] = gets,
                ["lists"] = lists,
                ["watches"] = watches,
                ["pods"] = pods,
                ["nodes"] = nodes,
            });
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansKube.Benchmarks.Scenarios;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Kinds.Pods;
using OrleansKube.Model.Pods;
using static OrleansKube.Benchmarks.Harness.ApiClientProcess;

namespace OrleansKube.Benchmarks.Harness;

/// <summary>What the Kubernetes API client timed, in milliseconds, each list sorted, beside the same calls through the Orleans gateway.</summary>
internal sealed record KubeApiTimings(
    List<double> GatewayGet, List<double> HttpGet,
    List<double> GatewayList, List<double> HttpTableList, List<double> HttpJsonList,
    List<double> GatewayWatch, List<double> HttpWatch);

/// <summary>
/// The <c>kubeapi</c> scenario's client, in a process of its own as kubectl is: single pods fetched over HTTP as
/// <c>kubectl get pod NAME -o json</c> fetches them, the namespace's 10,000 pods listed as kubectl lists them
/// (server-side tables in chunks of 500) and as JSON in chunks of 500 (client-go's pager), and the delay from a write to
/// its watch event at the client; each beside the same through the Orleans gateway as <c>okube</c> makes it.
/// Started as <c>kubeapi-client URL GATEWAYPORT NAMESPACE PODS GETS LISTS WATCHES</c>.
/// </summary>
internal static class KubeApiClientProcess
{
    public const string Command = "kubeapi-client";

    private const int WarmUpCalls = 100;
    private const int WarmUpLists = 5;
    private const int ChunkSize = 500;
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
    private const string WatchedLabel = "bench-sequence";
    private const string Json = "application/json";

    public static Task<KubeApiTimings> MeasureAsync(string apiUrl, int gatewayPort, string @namespace, int pods, int gets, int lists, int watches) =>
        LaunchAsync<KubeApiTimings>(Command, apiUrl, Text(gatewayPort), @namespace, Text(pods), Text(gets), Text(lists), Text(watches));

    public static async Task<int> RunAsync(string[] args)
    {
        var (url, port, @namespace, pods, gets, lists, watches) = (args[1], Number(args[2]), args[3], Number(args[4]), Number(args[5]), Number(args[6]), Number(args[7]));
        await using var client = await BenchmarkClient.ConnectAsync(port, BenchmarkCluster.ClusterId);
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
        var grains = client.Grains;
        var scope = grains.GetScope(Resources.Pods, @namespace);
        var random = new Random(7);
        string Name() => ApiScenario.Name(random.Next(pods));
        Task GatewayGetAsync() => grains.GetObjectAsync(PodKind.Descriptor, @namespace, Name());
        Task HttpGetAsync() => ReadAsync(http, $"/api/v1/namespaces/{@namespace}/pods/{Name()}", Json);
        Task TableListAsync() => ReadChunksAsync(http, $"/api/v1/namespaces/{@namespace}/pods", TableAccept, "rows", pods);
        Task JsonListAsync() => ReadChunksAsync(http, $"/api/v1/namespaces/{@namespace}/pods", Json, "items", pods);

        await Latencies.TimeEachAsync(WarmUpCalls, _ => GatewayGetAsync());
        await Latencies.TimeEachAsync(WarmUpCalls, _ => HttpGetAsync());
        await Latencies.TimeEachAsync(WarmUpLists, _ => ReadPagedAsync(scope, pods));
        await Latencies.TimeEachAsync(WarmUpLists, _ => TableListAsync());
        await Latencies.TimeEachAsync(WarmUpLists, _ => JsonListAsync());
        await JitCompiler.SettleAsync();

        var gatewayGet = await Latencies.TimeEachAsync(gets, _ => GatewayGetAsync());
        var httpGet = await Latencies.TimeEachAsync(gets, _ => HttpGetAsync());
        var gatewayList = await Latencies.TimeEachAsync(lists, _ => ReadPagedAsync(scope, pods));
        var tableList = await Latencies.TimeEachAsync(lists, _ => TableListAsync());
        var jsonList = await Latencies.TimeEachAsync(lists, _ => JsonListAsync());

        var writer = grains.GetObjectGrain<Pod>(@namespace, ApiScenario.Name(0));
        var gatewayWatch = await TimeWatchAsync(writer, watches, "gateway", (events, cancel) => GatewayWatchAsync(scope, events, cancel));
        var httpWatch = await TimeWatchAsync(writer, watches, "http", (events, cancel) => HttpWatchAsync(http, @namespace, events, cancel));

        Console.WriteLine(JsonSerializer.Serialize(new KubeApiTimings(gatewayGet, httpGet, gatewayList, tableList, jsonList, gatewayWatch, httpWatch)));
        return 0;
    }

    private static async Task ReadAsync(HttpClient http, string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
    }

    /// <summary>A list read chunk by chunk as kubectl and client-go read it, following <c>metadata.continue</c>; each chunk parsed whole.</summary>
    private static async Task ReadChunksAsync(HttpClient http, string path, string accept, string itemsField, int pods)
    {
        var count = 0;
        string? next = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?limit={ChunkSize}{(next is null ? "" : $"&continue={Uri.EscapeDataString(next)}")}");
            request.Headers.Accept.ParseAdd(accept);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
            count += document.RootElement.GetProperty(itemsField).GetArrayLength();
            next = document.RootElement.GetProperty("metadata").TryGetProperty("continue", out var token) ? token.GetString() : null;
        }
        while (!string.IsNullOrEmpty(next));

        CheckCount(count, pods);
    }

    /// <summary>
    /// Writes a new label value to one pod <paramref name="writes"/> times, one after another, and times each from just
    /// before the write until the watch delivers the change (the sequence number in the label) to this process.
    /// </summary>
    private static async Task<List<double>> TimeWatchAsync(
        IObjectGrain<Pod> writer, int writes, string prefix, Func<ConcurrentDictionary<string, TaskCompletionSource>, CancellationToken, Task> watch)
    {
        var events = new ConcurrentDictionary<string, TaskCompletionSource>();
        using var stop = new CancellationTokenSource();
        var watching = watch(events, stop.Token);
        var pod = await writer.GetAsync() ?? throw new InvalidOperationException("the watched pod is missing");

        // The first write waits until the watch is running; it is not timed.
        var times = new List<double>(writes);
        for (var i = -1; i < writes; i++)
        {
            var sequence = $"{prefix}-{i}";
            var delivered = events.GetOrAdd(sequence, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var start = Stopwatch.GetTimestamp();
            pod = await writer.UpdateAsync(pod.WithMetadata(pod.Metadata with { ResourceVersion = null, Labels = pod.Metadata.Labels.SetItem(WatchedLabel, sequence) }));
            await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30));
            if (i >= 0)
            {
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        await stop.CancelAsync();
        await watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        times.Sort();
        return times;
    }

    private static async Task GatewayWatchAsync(IObjectScope scope, ConcurrentDictionary<string, TaskCompletionSource> events, CancellationToken cancellationToken)
    {
        var start = await scope.ListPageAsync(Pod.KindName, null, 1, null);
        await foreach (var change in scope.WatchAsync(Pod.KindName, start.ResourceVersion, null, cancellationToken))
        {
            Deliver(events, change.Object.Metadata.Labels.GetValueOrDefault(WatchedLabel));
        }
    }

    private static async Task HttpWatchAsync(HttpClient http, string @namespace, ConcurrentDictionary<string, TaskCompletionSource> events, CancellationToken cancellationToken)
    {
        var path = $"/api/v1/namespaces/{@namespace}/pods";
        using var first = await http.GetAsync($"{path}?limit=1", cancellationToken);
        var version = JsonSerializer.Deserialize<ListHead>(await first.Content.ReadAsStringAsync(cancellationToken))!.Metadata.ResourceVersion;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?watch=1&resourceVersion={version}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(Json));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            using var change = JsonDocument.Parse(line);
            var labels = change.RootElement.GetProperty("object").GetProperty("metadata").TryGetProperty("labels", out var found) ? found : default;
            Deliver(events, labels.ValueKind == JsonValueKind.Object && labels.TryGetProperty(WatchedLabel, out var value) ? value.GetString() : null);
        }
    }

    private static void Deliver(ConcurrentDictionary<string, TaskCompletionSource> events, string? sequence)
    {
        if (sequence is not null && events.TryGetValue(sequence, out var delivered))
        {
            delivered.TrySetResult();
        }
    }

    private sealed record ListHead([property: JsonPropertyName("metadata")] ListMeta Metadata);

    private sealed record ListMeta([property: JsonPropertyName("resourceVersion")] string ResourceVersion);
}

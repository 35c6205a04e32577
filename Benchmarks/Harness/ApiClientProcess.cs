using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using OrleansKube.Benchmarks.Scenarios;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Kinds.Pods;
using OrleansKube.Model.Pods;

namespace OrleansKube.Benchmarks.Harness;

/// <summary>
/// What the API client timed, in milliseconds, each list sorted: lists read in pages as <c>okube get</c> reads them, and
/// the same lists read in one call; and its garbage collector's pause and allocation per paged list.
/// </summary>
internal sealed record ApiTimings(List<double> Ping, List<double> Get, List<double> List, List<double> Unpaged, double GcPauseMsPerList, long AllocatedMiBPerList);

/// <summary>
/// The <c>api</c> scenario's client, in a process of its own as <c>okube</c> is, with <c>okube</c>'s workstation
/// garbage collector: what it pays to receive a large list is its own, not shared with the silo's heap. The benchmark
/// starts it as <c>api-client PORT NAMESPACE PODS GETS LISTS</c>; it prints <see cref="ApiTimings"/> as one JSON line.
/// </summary>
internal static class ApiClientProcess
{
    public const string Command = "api-client";

    private const int WarmUpCalls = 100;
    private const int WarmUpLists = 10;
    private const int ChunkSize = 500;

    /// <summary>Starts the client process against the gateway and returns what it timed.</summary>
    public static Task<ApiTimings> MeasureAsync(int gatewayPort, string @namespace, int pods, int gets, int lists) =>
        LaunchAsync<ApiTimings>(Command, Text(gatewayPort), @namespace, Text(pods), Text(gets), Text(lists));

    /// <summary>
    /// Runs this benchmark executable again as a client process with <paramref name="arguments"/> and workstation GC,
    /// and reads the <typeparamref name="T"/> it prints as its last line.
    /// </summary>
    public static async Task<T> LaunchAsync<T>(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_gcServer"] = "0";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode == 0 && output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() is { } line
                ? JsonSerializer.Deserialize<T>(line)!
                : throw new InvalidOperationException($"the client process {arguments[0]} exited with {process.ExitCode}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    /// <summary>The client process: warm up, let the JIT finish, then time no-op calls, gets and lists one after another.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var (port, @namespace, pods, gets, lists) = (Number(args[1]), args[2], Number(args[3]), Number(args[4]), Number(args[5]));
        await using var client = await BenchmarkClient.ConnectAsync(port, BenchmarkCluster.ClusterId);
        var api = client.Grains;
        var scope = api.GetScope(Resources.Pods, @namespace);
        var random = new Random(7);
        string Name() => ApiScenario.Name(random.Next(pods));

        await Latencies.TimeEachAsync(WarmUpCalls, _ => api.GetGrain<IPingGrain>("api").PingAsync());
        await Latencies.TimeEachAsync(WarmUpCalls, _ => api.GetObjectAsync(PodKind.Descriptor, @namespace, Name()));
        await Latencies.TimeEachAsync(WarmUpLists, _ => ReadPagedAsync(scope, pods));
        await Latencies.TimeEachAsync(WarmUpLists, _ => ReadWholeAsync(scope, pods));
        await JitCompiler.SettleAsync();

        var ping = await Latencies.TimeEachAsync(gets, _ => api.GetGrain<IPingGrain>("api").PingAsync());
        var get = await Latencies.TimeEachAsync(gets, async _ =>
        {
            if (await api.GetObjectAsync(PodKind.Descriptor, @namespace, Name()) is null)
            {
                throw new InvalidOperationException("a seeded pod is missing");
            }
        });
        var used = ResourceWindow.Start();
        var list = await Latencies.TimeEachAsync(lists, _ => ReadPagedAsync(scope, pods));
        var use = used.Stop();
        var unpaged = await Latencies.TimeEachAsync(lists, _ => ReadWholeAsync(scope, pods));

        Console.WriteLine(JsonSerializer.Serialize(new ApiTimings(ping, get, list, unpaged, use.Pause.TotalMilliseconds / lists, use.AllocatedMiB / lists)));
        return 0;
    }

    /// <summary>A list read as <c>okube get</c> reads it: pages of 500, each made into the rows it prints (here name and phase) as it comes.</summary>
    public static async Task ReadPagedAsync(IObjectScope scope, int pods)
    {
        var rows = new List<(string? Name, string? Phase)>(pods);
        await scope.ListInPagesAsync(Pod.KindName, null, ChunkSize, page => rows.AddRange(page.Select(pod => (pod.Metadata.Name, ((Pod)pod).Status?.Phase))));
        CheckCount(rows.Count, pods);
    }

    /// <summary>The same list in one call, every pod kept.</summary>
    private static async Task ReadWholeAsync(IObjectScope scope, int pods) => CheckCount((await scope.ListAsync(Pod.KindName, null)).Items.Count, pods);

    public static void CheckCount(int listed, int pods)
    {
        if (listed != pods)
        {
            throw new InvalidOperationException($"listed {listed} pods, expected {pods}");
        }
    }

    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}

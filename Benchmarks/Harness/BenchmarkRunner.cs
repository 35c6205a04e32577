using System.Globalization;
using OrleansKube.Benchmarks.Scenarios;

namespace OrleansKube.Benchmarks.Harness;

/// <summary>
/// Runs the named scenarios (or <c>all</c>) and prints a table, or with <c>--json</c> one JSON line per scenario.
/// Options after the names size the scenarios that take them: <c>scale --pods 20000 --nodes 1000</c>.
/// </summary>
internal static class BenchmarkRunner
{
    // What is measured is a process whose hot paths the JIT has recompiled with full optimisation, as in a silo that has
    // been running: on 2 cores busy with the run itself the JIT's background recompilation lags far behind, and a cold
    // run of schedule is 2.5 times slower. schedule and rollout warm up on their own cluster, and the api and kubeapi
    // clients in their own processes (see those scenarios); startup and scale run once untimed here first (scale at a tenth of its size);
    // failover starts silo processes of its own, which run for a while before the kill.
    private static readonly Dictionary<string, Scenario> Scenarios = new(StringComparer.OrdinalIgnoreCase)
    {
        ["schedule"] = new(_ => new ScheduleScenario(), null),
        ["rollout"] = new(_ => new RolloutScenario(), null),
        ["startup"] = new(_ => new StartupScenario(), () => new StartupScenario()),
        ["api"] = new(_ => new ApiScenario(), () => new ApiScenario()),
        ["kubeapi"] = new(_ => new KubeApiScenario(), () => new KubeApiScenario(gets: 500, lists: 5, watches: 50)),
        ["failover"] = new(_ => new FailoverScenario(), null),
        ["scale"] = new(
            options => new ScaleScenario(options.Int("nodes", 5000), options.Int("pods", 100_000), options.Int("deployments", 10)),
            () => new ScaleScenario(nodes: 500, pods: 10_000, deployments: 10)),
    };

    private sealed record Scenario(Func<ScenarioOptions, IScenario> Create, Func<IScenario>? WarmUp);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.FirstOrDefault() == ApiClientProcess.Command)
        {
            return await ApiClientProcess.RunAsync(args);
        }

        if (args.FirstOrDefault() == KubeApiClientProcess.Command)
        {
            return await KubeApiClientProcess.RunAsync(args);
        }

        var json = args.Contains("--json");
        var names = new List<string>();
        if (ScenarioOptions.Parse(args, names, out var error) is not { } options)
        {
            Console.Error.WriteLine($"error: {error}");
            return 2;
        }

        if (names.Count == 0 || names.Contains("all", StringComparer.OrdinalIgnoreCase))
        {
            names = [.. Scenarios.Keys];
        }

        var unknown = names.Where(n => !Scenarios.ContainsKey(n)).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"error: unknown scenario {string.Join(", ", unknown)}; known: all, {string.Join(", ", Scenarios.Keys)}");
            return 2;
        }

        List<(string Name, IScenario Scenario)> scenarios;
        try
        {
            scenarios = [.. names.Select(name => (name, Scenarios[name].Create(options)))];
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }

        if (options.Unread.ToList() is { Count: > 0 } unread)
        {
            Console.Error.WriteLine($"error: no scenario run takes {string.Join(", ", unread)}");
            return 2;
        }

        var results = new List<BenchmarkResult>();
        foreach (var (name, scenario) in scenarios)
        {
            if (Scenarios[name].WarmUp is { } warmUp)
            {
                Console.Error.WriteLine($"warming up {name}...");
                await warmUp().RunAsync();
            }

            Console.Error.WriteLine($"running {name}...");
            var result = await scenario.RunAsync();
            results.Add(result);
            if (json)
            {
                Console.WriteLine(result.ToJsonLine());
            }
        }

        if (!json)
        {
            Console.WriteLine($"{"scenario",-10} {"value",12} {"unit",-8} {"reference",12} {"ref unit",-10} {"ratio",8}  target");
            foreach (var r in results)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Scenario,-10} {r.Value,12:0.##} {r.Unit,-8} {r.Reference,12:0.##} {r.ReferenceUnit,-10} {r.Ratio,8:0.####}  {r.Target}"));
            }
        }

        return 0;
    }
}

internal interface IScenario
{
    Task<BenchmarkResult> RunAsync();
}

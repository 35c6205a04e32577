using System.Globalization;
using OrleansKube.Benchmarks.Scenarios;

namespace OrleansKube.Benchmarks.Harness;

/// <summary>Runs the named scenarios (or <c>all</c>) and prints a table, or with <c>--json</c> one JSON line per scenario.</summary>
internal static class BenchmarkRunner
{
    private static readonly Dictionary<string, Func<IScenario>> Scenarios = new(StringComparer.OrdinalIgnoreCase)
    {
        ["schedule"] = () => new ScheduleScenario(),
        ["rollout"] = () => new RolloutScenario(),
        ["startup"] = () => new StartupScenario(),
        ["api"] = () => new ApiScenario(),
        ["failover"] = () => new FailoverScenario(),
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var json = args.Contains("--json");
        var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
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

        var results = new List<BenchmarkResult>();
        foreach (var name in names)
        {
            Console.Error.WriteLine($"running {name}...");
            var result = await Scenarios[name]().RunAsync();
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

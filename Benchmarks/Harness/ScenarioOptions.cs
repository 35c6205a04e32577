using System.Globalization;

namespace OrleansKube.Benchmarks.Harness;

/// <summary>
/// The <c>--name value</c> pairs given after the scenario names (<c>scale --pods 20000 --nodes 1000</c>), read by
/// the scenarios that know them; a pair no scenario read is an error, so a misspelt option never goes unnoticed.
/// </summary>
internal sealed class ScenarioOptions
{
    private readonly Dictionary<string, string> _values;
    private readonly HashSet<string> _read = [];

    private ScenarioOptions(Dictionary<string, string> values) => _values = values;

    /// <summary>Flags that take no value and belong to the runner.</summary>
    public static readonly string[] RunnerFlags = ["--json"];

    /// <summary>Splits arguments into scenario names and options; null with an error for an option without a value.</summary>
    public static ScenarioOptions? Parse(string[] args, List<string> names, out string error)
    {
        error = "";
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (RunnerFlags.Contains(args[i]))
            {
                continue;
            }

            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                names.Add(args[i]);
                continue;
            }

            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"{args[i]} needs a value";
                return null;
            }

            values[args[i][2..]] = args[++i];
        }

        return new ScenarioOptions(values);
    }

    /// <summary>The option's whole-number value, or <paramref name="fallback"/> when it was not given.</summary>
    public int Int(string name, int fallback)
    {
        _read.Add(name);
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"--{name}: {text} is not a positive whole number");
    }

    /// <summary>Options given but read by none of the scenarios run.</summary>
    public IEnumerable<string> Unread => _values.Keys.Where(key => !_read.Contains(key)).Select(key => "--" + key);
}

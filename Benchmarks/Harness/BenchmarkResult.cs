using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansKube.Benchmarks.Harness;

/// <summary>One scenario's headline figure, the reference measured in the same run, and the target it is held to.</summary>
internal sealed record BenchmarkResult(
    string Scenario,
    double Value,
    string Unit,
    double Reference,
    string ReferenceUnit,
    string Target,
    IReadOnlyDictionary<string, object>? Extra = null)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public double Ratio => Reference == 0 ? 0 : Math.Round(Value / Reference, 4);

    /// <summary>One JSON object on one line, the form results are compared in over time.</summary>
    public string ToJsonLine()
    {
        var fields = new Dictionary<string, object>
        {
            ["scenario"] = Scenario,
            ["value"] = Math.Round(Value, 2),
            ["unit"] = Unit,
            ["reference"] = Math.Round(Reference, 2),
            ["reference_unit"] = ReferenceUnit,
            ["ratio"] = Ratio,
        };
        foreach (var (key, value) in Extra ?? new Dictionary<string, object>())
        {
            fields[key] = value;
        }

        return JsonSerializer.Serialize(fields, Json);
    }
}

using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace OrleansKube.Model;

/// <summary>
/// Selects objects by their labels: every <see cref="MatchLabels"/> pair and every
/// <see cref="MatchExpressions"/> requirement must hold. An empty selector matches everything.
/// </summary>
[GenerateSerializer, Immutable, Alias("okube.LabelSelector")]
public sealed record LabelSelector
{
    [Id(0)] public ImmutableSortedDictionary<string, string> MatchLabels { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
    [Id(1)] public ImmutableList<LabelSelectorRequirement> MatchExpressions { get; init; } = [];

    // Derived, so not part of the JSON shape: Kubernetes has no such field and would reject it on the way back in.
    [JsonIgnore]
    public bool IsEmpty => MatchLabels.IsEmpty && MatchExpressions.IsEmpty;

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, value) in MatchLabels)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        foreach (var requirement in MatchExpressions)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The selector in kubectl's string form (<c>app=web,tier in (a,b)</c>).</summary>
    public override string ToString() =>
        string.Join(",", MatchLabels.Select(pair => $"{pair.Key}={pair.Value}").Concat(MatchExpressions.Select(e => e.ToString())));
}

/// <summary>One requirement of a label selector: <c>key In (a, b)</c>, <c>key NotIn (...)</c>, <c>key Exists</c>, <c>key DoesNotExist</c>.</summary>
[GenerateSerializer, Immutable, Alias("okube.LabelSelectorRequirement")]
public sealed record LabelSelectorRequirement
{
    public const string In = "In";
    public const string NotIn = "NotIn";
    public const string Exists = "Exists";
    public const string DoesNotExist = "DoesNotExist";

    [Id(0)] public string Key { get; init; } = "";
    [Id(1)] public string Operator { get; init; } = "";
    [Id(2)] public ImmutableList<string> Values { get; init; } = [];

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            In => present && Values.Contains(value!),
            NotIn => !present || !Values.Contains(value!),
            Exists => present,
            DoesNotExist => !present,
            _ => false,
        };
    }

    public override string ToString() => Operator switch
    {
        In when Values.Count == 1 => $"{Key}={Values[0]}",
        NotIn when Values.Count == 1 => $"{Key}!={Values[0]}",
        In => $"{Key} in ({string.Join(",", Values)})",
        NotIn => $"{Key} notin ({string.Join(",", Values)})",
        Exists => Key,
        DoesNotExist => "!" + Key,
        _ => $"{Key} {Operator} ({string.Join(",", Values)})",
    };
}

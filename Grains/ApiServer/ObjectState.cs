using OrleansKube.Model;

namespace OrleansKube.ApiServer;

/// <summary>The persisted state of an object grain: the object, or null when there is none.</summary>
[GenerateSerializer, Alias("okube.ObjectState`1")]
public sealed class ObjectState<T>
    where T : IKubeObject<T>
{
    [Id(0)] public T? Object { get; set; }
}

/// <summary>One record of a scope's persisted names (see <see cref="ScopeNames"/>): names by kind. The objects themselves are cached in memory.</summary>
[GenerateSerializer, Alias("okube.ScopeState")]
public sealed class ScopeState
{
    [Id(0)] public Dictionary<string, HashSet<string>> Members { get; set; } = [];
}

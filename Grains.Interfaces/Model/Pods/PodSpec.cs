using System.Collections.Immutable;

namespace OrleansKube.Model.Pods;

/// <summary>What the user wants a pod to be.</summary>
[GenerateSerializer, Immutable, Alias("okube.PodSpec")]
public sealed record PodSpec
{
    [Id(0)] public ImmutableList<Container> Containers { get; init; } = [];

    /// <summary><c>Always</c> (default), <c>OnFailure</c> or <c>Never</c>.</summary>
    [Id(1)] public string? RestartPolicy { get; init; }

    /// <summary>The node the pod is bound to; empty until the scheduler binds it.</summary>
    [Id(2)] public string? NodeName { get; init; }
    [Id(3)] public ImmutableSortedDictionary<string, string> NodeSelector { get; init; } = ImmutableSortedDictionary<string, string>.Empty;
    [Id(4)] public ImmutableList<Toleration> Tolerations { get; init; } = [];

    /// <summary>Seconds between SIGTERM and SIGKILL when the pod is stopped; default 30.</summary>
    [Id(5)] public long? TerminationGracePeriodSeconds { get; init; }
}

/// <summary>Lets a pod be placed on a node whose taint matches.</summary>
[GenerateSerializer, Immutable, Alias("okube.Toleration")]
public sealed record Toleration
{
    [Id(0)] public string? Key { get; init; }

    /// <summary><c>Equal</c> (default) or <c>Exists</c>.</summary>
    [Id(1)] public string? Operator { get; init; }
    [Id(2)] public string? Value { get; init; }

    /// <summary>Empty (every effect), <c>NoSchedule</c>, <c>PreferNoSchedule</c> or <c>NoExecute</c>.</summary>
    [Id(3)] public string? Effect { get; init; }
    [Id(4)] public long? TolerationSeconds { get; init; }
}

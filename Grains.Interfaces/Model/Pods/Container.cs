using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace OrleansKube.Model.Pods;

/// <summary>One container of a pod: for the process runtime, a program with its arguments and environment.</summary>
[GenerateSerializer, Immutable, Alias("okube.Container")]
public sealed record Container
{
    [Id(0)] public string Name { get; init; } = "";
    [Id(1)] public string? Image { get; init; }
    [Id(2)] public ImmutableList<string> Command { get; init; } = [];
    [Id(3)] public ImmutableList<string> Args { get; init; } = [];
    [Id(4)] public ImmutableList<EnvVar> Env { get; init; } = [];
    [Id(5)] public ImmutableList<ContainerPort> Ports { get; init; } = [];
    [Id(6)] public ResourceRequirements Resources { get; init; } = new();
    [Id(7)] public Probe? LivenessProbe { get; init; }
    [Id(8)] public Probe? ReadinessProbe { get; init; }
    [Id(9)] public Probe? StartupProbe { get; init; }
    [Id(10)] public string? WorkingDir { get; init; }

    /// <summary>Accepted for compatibility with real manifests: <c>Always</c>, <c>IfNotPresent</c> or <c>Never</c>.</summary>
    [Id(11)] public string? ImagePullPolicy { get; init; }
}

/// <summary>An environment variable with a literal value.</summary>
[GenerateSerializer, Immutable, Alias("okube.EnvVar")]
public sealed record EnvVar
{
    [Id(0)] public string Name { get; init; } = "";
    [Id(1)] public string? Value { get; init; }
}

/// <summary>A port the container listens on.</summary>
[GenerateSerializer, Immutable, Alias("okube.ContainerPort")]
public sealed record ContainerPort
{
    [Id(0)] public string? Name { get; init; }
    /// <summary>The port number; <c>containerPort</c> in manifests.</summary>
    [Id(1), JsonPropertyName("containerPort")] public int Number { get; init; }

    /// <summary><c>TCP</c> (default), <c>UDP</c> or <c>SCTP</c>.</summary>
    [Id(2)] public string? Protocol { get; init; }
    [Id(3)] public int? HostPort { get; init; }
}

/// <summary>Resource requests (what scheduling reserves) and limits (what the runtime enforces).</summary>
[GenerateSerializer, Immutable, Alias("okube.ResourceRequirements")]
public sealed record ResourceRequirements
{
    [Id(0)] public ImmutableSortedDictionary<string, Quantity> Requests { get; init; } = ImmutableSortedDictionary<string, Quantity>.Empty;
    [Id(1)] public ImmutableSortedDictionary<string, Quantity> Limits { get; init; } = ImmutableSortedDictionary<string, Quantity>.Empty;
}

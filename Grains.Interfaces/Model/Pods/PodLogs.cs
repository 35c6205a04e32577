namespace OrleansKube.Model.Pods;

/// <summary>What <c>okube logs</c> asks of a node: a container's log, its last lines or everything after an offset.</summary>
[GenerateSerializer, Immutable, Alias("okube.PodLogRequest")]
public sealed record PodLogRequest
{
    [Id(0)] public string Namespace { get; init; } = "";
    [Id(1)] public string Name { get; init; } = "";

    /// <summary>The container; may be left out when the pod has only one.</summary>
    [Id(2)] public string? Container { get; init; }

    /// <summary>Only the last this many lines; null for the whole log. Ignored when <see cref="Offset"/> is set.</summary>
    [Id(3)] public int? TailLines { get; init; }

    /// <summary>For following: the byte offset returned by the previous read; the answer holds what was written since.</summary>
    [Id(4)] public long? Offset { get; init; }

    /// <summary>The log of the container's previous run instead of the current one.</summary>
    [Id(5)] public bool Previous { get; init; }

    /// <summary>At most this many bytes in one answer; default 1 MiB.</summary>
    [Id(6)] public int? LimitBytes { get; init; }
}

/// <summary>A piece of a container's log and where the next read continues.</summary>
[GenerateSerializer, Immutable, Alias("okube.PodLogChunk")]
public sealed record PodLogChunk
{
    [Id(0)] public string Container { get; init; } = "";
    [Id(1)] public string Text { get; init; } = "";

    /// <summary>The offset to pass as <see cref="PodLogRequest.Offset"/> to read on from here.</summary>
    [Id(2)] public long NextOffset { get; init; }
}

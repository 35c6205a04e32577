namespace OrleansKube.Model.Events;

/// <summary>
/// A <c>v1/Event</c>: something that happened to an object (scaled, pod created, failed scheduling), for
/// <c>describe</c> and <c>get events</c>. Events are kept by their namespace in memory, a bounded number of them,
/// and repeats of the same event are counted rather than stored again.
/// </summary>
[GenerateSerializer, Immutable, Alias("okube.Event")]
public sealed record Event : IKubeObject<Event>
{
    public const string KindName = "Event";
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    [Id(0)] public string ApiVersion { get; init; } = "v1";
    [Id(1)] public string Kind { get; init; } = KindName;
    [Id(2)] public ObjectMeta Metadata { get; init; } = new();
    [Id(3)] public ObjectReference InvolvedObject { get; init; } = new();
    [Id(4)] public string? Reason { get; init; }
    [Id(5)] public string? Message { get; init; }

    /// <summary><c>Normal</c> or <c>Warning</c>.</summary>
    [Id(6)] public string? Type { get; init; }
    [Id(7)] public EventSource? Source { get; init; }
    [Id(8)] public DateTimeOffset? FirstTimestamp { get; init; }
    [Id(9)] public DateTimeOffset? LastTimestamp { get; init; }
    [Id(10)] public int Count { get; init; }

    object? IKubeObject<Event>.Spec => null;

    object? IKubeObject<Event>.Status => null;

    public Event WithMetadata(ObjectMeta metadata) => this with { Metadata = metadata };

    public Event WithStatusOf(Event other) => this;

    public Event WithSpecOf(Event other) => other with { Metadata = Metadata };
}

/// <summary>Names the object an event is about.</summary>
[GenerateSerializer, Immutable, Alias("okube.ObjectReference")]
public sealed record ObjectReference
{
    [Id(0)] public string? Kind { get; init; }
    [Id(1)] public string? Namespace { get; init; }
    [Id(2)] public string? Name { get; init; }
    [Id(3)] public string? Uid { get; init; }
    [Id(4)] public string? ApiVersion { get; init; }
}

/// <summary>Who reported an event: <c>deployment-controller</c>, <c>default-scheduler</c>, a kubelet.</summary>
[GenerateSerializer, Immutable, Alias("okube.EventSource")]
public sealed record EventSource
{
    [Id(0)] public string? Component { get; init; }
    [Id(1)] public string? Host { get; init; }
}

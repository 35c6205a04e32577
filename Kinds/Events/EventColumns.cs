using System.Globalization;
using OrleansKube.Kinds.Columns;
using OrleansKube.Model.Events;

namespace OrleansKube.Kinds.Events;

/// <summary>
/// <c>LAST SEEN TYPE REASON OBJECT MESSAGE</c>, wide <c>SUBOBJECT SOURCE</c> before MESSAGE and <c>FIRST SEEN COUNT NAME</c>
/// after it, as kubectl's event printer.
/// </summary>
public static class EventColumns
{
    public static ColumnSet<Event> Set { get; } = new(
        new("LAST SEEN", (e, now) => Age.Since(LastSeen(e), now)),
        new("TYPE", (e, _) => e.Type ?? ""),
        new("REASON", (e, _) => e.Reason ?? ""),
        new("OBJECT", (e, _) => Object(e.InvolvedObject)),

        // kubectl's field path within the object (a container); no event here names one.
        new("SUBOBJECT", (_, _) => "", Wide: true),
        new("SOURCE", (e, _) => Source(e.Source), Wide: true),
        new("MESSAGE", (e, _) => (e.Message ?? "").Trim()),
        new("FIRST SEEN", (e, now) => Age.Since(e.FirstTimestamp ?? e.Metadata.CreationTimestamp, now), Wide: true),
        new("COUNT", (e, _) => Math.Max(1, e.Count).ToString(CultureInfo.InvariantCulture), Wide: true),
        new("NAME", (e, _) => e.Metadata.Name ?? "", Wide: true));

    /// <summary>When the event last happened: its last timestamp, else its first, else when it was recorded.</summary>
    public static DateTimeOffset? LastSeen(Event e) => e.LastTimestamp ?? e.FirstTimestamp ?? e.Metadata.CreationTimestamp;

    /// <summary>The object an event is about as <c>kind/name</c> with the kind in lower case: <c>deployment/web</c>.</summary>
    public static string Object(ObjectReference reference)
    {
        var kind = (reference.Kind ?? "").ToLowerInvariant();
        return string.IsNullOrEmpty(reference.Name) ? kind : $"{kind}/{reference.Name}";
    }

    /// <summary>The reporting component, and its host when known: <c>kubelet, node-1</c>.</summary>
    public static string Source(EventSource? source) =>
        string.IsNullOrEmpty(source?.Host) ? source?.Component ?? "" : $"{source.Component}, {source.Host}";
}

using System.Globalization;
using OrleansKube.Kinds.Columns;
using OrleansKube.Kinds.Events;
using OrleansKube.Model;
using OrleansKube.Model.Events;

namespace OrleansKube.Kinds.Describe;

/// <summary>The <c>Events:</c> section that ends a description, as kubectl's <c>DescribeEvents</c>.</summary>
public static class EventsDescriber
{
    /// <summary>
    /// The events about <paramref name="obj"/>, as kubectl selects them: same kind, namespace and name, and the same
    /// uid when the object has one (so events of an earlier object of that name are left out).
    /// </summary>
    public static IEnumerable<Event> About(IKubeObject obj, IEnumerable<Event> events) =>
        events.Where(e =>
            e.InvolvedObject.Kind == obj.Kind &&
            e.InvolvedObject.Name == obj.Metadata.Name &&
            (e.InvolvedObject.Namespace ?? e.Metadata.Namespace) == obj.Metadata.Namespace &&
            (string.IsNullOrEmpty(obj.Metadata.Uid) || e.InvolvedObject.Uid == obj.Metadata.Uid));

    /// <summary>Writes <paramref name="events"/> oldest first, or <c>Events: &lt;none&gt;</c>.</summary>
    public static void Write(DescribeWriter w, IEnumerable<Event> events, DateTimeOffset now)
    {
        var sorted = events.OrderBy(EventColumns.LastSeen).ToList();
        if (sorted.Count == 0)
        {
            w.Field(0, "Events", null);
            return;
        }

        w.Line(0, "Events:");
        w.Line(1, "Type\tReason\tAge\tFrom\tMessage");
        w.Line(1, "----\t------\t----\t----\t-------");
        foreach (var e in sorted)
        {
            w.Line(1, $"{e.Type}\t{e.Reason}\t{Interval(e, now)}\t{e.Source?.Component}\t{e.Message?.Trim()}");
        }
    }

    /// <summary>How long ago it happened; for a repeated event, <c>12s (x3 over 2m)</c>: last seen, count, and since first seen.</summary>
    public static string Interval(Event e, DateTimeOffset now)
    {
        var first = Age.Since(e.FirstTimestamp ?? e.Metadata.CreationTimestamp, now);
        return e.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{Age.Since(EventColumns.LastSeen(e), now)} (x{e.Count} over {first})")
            : first;
    }
}

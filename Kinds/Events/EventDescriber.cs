using System.Globalization;
using OrleansKube.Kinds.Describe;
using OrleansKube.Model.Events;

namespace OrleansKube.Kinds.Events;

/// <summary>
/// <c>okube describe event</c>. kubectl has no describer of its own for events and prints their fields generically,
/// in alphabetical order with nested objects indented; this follows that layout.
/// </summary>
public static class EventDescriber
{
    public static string Describe(Event e)
    {
        var w = new DescribeWriter();
        w.Field(0, "Name", e.Metadata.Name);
        w.Field(0, "Namespace", e.Metadata.Namespace);
        w.Map("", "Labels", e.Metadata.Labels);
        w.Map("", "Annotations", e.Metadata.Annotations, ": ");
        w.Field(0, "API Version", e.ApiVersion);
        w.Field(0, "Count", Math.Max(1, e.Count));
        w.Field(0, "First Timestamp", Timestamp(e.FirstTimestamp));
        w.Line(0, "Involved Object:");
        w.Field(1, "API Version", e.InvolvedObject.ApiVersion);
        w.Field(1, "Kind", e.InvolvedObject.Kind);
        w.Field(1, "Name", e.InvolvedObject.Name);
        w.Field(1, "Namespace", e.InvolvedObject.Namespace);
        w.Field(1, "UID", e.InvolvedObject.Uid);
        w.Field(0, "Kind", e.Kind);
        w.Field(0, "Last Timestamp", Timestamp(e.LastTimestamp));
        w.Field(0, "Message", e.Message?.Trim());
        w.Field(0, "Reason", e.Reason);
        w.Line(0, "Source:");
        w.Field(1, "Component", e.Source?.Component);
        if (!string.IsNullOrEmpty(e.Source?.Host))
        {
            w.Field(1, "Host", e.Source.Host);
        }

        w.Field(0, "Type", e.Type);
        w.Field(0, "Events", null);
        return w.ToString();
    }

    // The generic describer prints timestamps as they are serialized: RFC 3339 in UTC.
    private static string? Timestamp(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

using OrleansKube.Api;
using OrleansKube.Model.Events;

namespace OrleansKube.Kinds.Events;

/// <summary><c>v1/Event</c>: kept by its namespace, listed and watched, never stored or fetched one by one.</summary>
public static class EventKind
{
    public static ResourceInfo Resource { get; } = new(Event.KindName, "v1", "events", Namespaced: true, ["ev"], typeof(Event));

    public static KindDescriptor<Event> Descriptor { get; } = new(Resource, EventColumns.Set, (e, _, _) => EventDescriber.Describe(e))
    {
        // The fields kube-apiserver's event strategy selects on; kubectl describe lists an object's events by them.
        Fields = new Dictionary<string, Func<Event, string?>>
        {
            ["involvedObject.kind"] = e => e.InvolvedObject.Kind ?? "",
            ["involvedObject.namespace"] = e => e.InvolvedObject.Namespace ?? "",
            ["involvedObject.name"] = e => e.InvolvedObject.Name ?? "",
            ["involvedObject.uid"] = e => e.InvolvedObject.Uid ?? "",
            ["involvedObject.apiVersion"] = e => e.InvolvedObject.ApiVersion ?? "",
            ["involvedObject.resourceVersion"] = _ => "",
            ["involvedObject.fieldPath"] = _ => "",
            ["reason"] = e => e.Reason ?? "",
            ["reportingComponent"] = e => e.Source?.Component ?? "",
            ["source"] = e => e.Source?.Component ?? "",
            ["type"] = e => e.Type ?? "",
        },
    };
}

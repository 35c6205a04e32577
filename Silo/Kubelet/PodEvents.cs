using OrleansKube.Grains;
using OrleansKube.Model.Events;
using OrleansKube.Model.Pods;

namespace OrleansKube.Silo.Kubelet;

/// <summary>
/// The kubelet's events about a pod (Started, Killing, BackOff, Unhealthy), for <c>okube describe pod</c>. Sent without
/// waiting: an event lost while the control plane is away is not worth holding a container back for.
/// </summary>
internal sealed class PodEvents(IGrainFactory grains, string nodeName)
{
    public void Record(Pod pod, string type, string reason, string message)
    {
        var @event = new Event
        {
            InvolvedObject = new ObjectReference
            {
                Kind = Pod.KindName,
                ApiVersion = "v1",
                Namespace = pod.Metadata.Namespace,
                Name = pod.Metadata.Name,
                Uid = pod.Metadata.Uid,
            },
            Type = type,
            Reason = reason,
            Message = message,
            Source = new EventSource { Component = "kubelet", Host = nodeName },
        };
        try
        {
            _ = grains.GetGrain<INamespaceGrain>(pod.Metadata.Namespace!).RecordEventAsync(@event);
        }
        catch (Exception)
        {
            // OneWay: nothing to wait for and nothing to retry.
        }
    }
}

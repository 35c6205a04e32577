using OrleansKube.Model.Pods;
using OrleansKube.Silo.Kubelet.Probes;
using OrleansKube.Silo.Runtime;

namespace OrleansKube.Silo.Kubelet;

/// <summary>What the containers of one pod share: the pod, its directories, the node's runtime, prober and settings.</summary>
internal sealed record PodContext(
    Pod Pod,
    PodDirectories Directories,
    IContainerRuntime Runtime,
    Prober Prober,
    KubeletOptions Options,
    PodEvents Events,
    ILogger Logger)
{
    public string Key { get; } = $"{Pod.Metadata.Namespace}/{Pod.Metadata.Name}";

    public string Uid => Pod.Metadata.Uid!;

    /// <summary><c>terminationGracePeriodSeconds</c>, default 30 s.</summary>
    public TimeSpan GracePeriod => TimeSpan.FromSeconds(Math.Max(0, Pod.Spec.TerminationGracePeriodSeconds ?? 30));
}

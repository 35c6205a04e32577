using OrleansKube.Model.Pods;

namespace OrleansKube.Silo.Kubelet.Probes;

/// <summary>
/// Turns single probe outcomes into a verdict with Kubernetes' thresholds: the verdict flips to healthy after
/// <c>successThreshold</c> successes in a row and to unhealthy after <c>failureThreshold</c> failures in a row.
/// </summary>
internal sealed class ProbeTracker(Probe probe, bool initial)
{
    private readonly int _successThreshold = Math.Max(1, probe.SuccessThreshold ?? 1);
    private readonly int _failureThreshold = Math.Max(1, probe.FailureThreshold ?? 3);
    private int _successes;
    private int _failures;

    public bool Healthy { get; private set; } = initial;

    /// <summary>Records one outcome; true when the verdict changed.</summary>
    public bool Record(bool success)
    {
        (_successes, _failures) = success ? (_successes + 1, 0) : (0, _failures + 1);
        var verdict = Healthy switch
        {
            false when _successes >= _successThreshold => true,
            true when _failures >= _failureThreshold => false,
            _ => Healthy,
        };
        if (verdict == Healthy)
        {
            return false;
        }

        Healthy = verdict;
        return true;
    }

    public static TimeSpan InitialDelay(Probe probe) => TimeSpan.FromSeconds(Math.Max(0, probe.InitialDelaySeconds ?? 0));

    public static TimeSpan Period(Probe probe) => TimeSpan.FromSeconds(Math.Max(1, probe.PeriodSeconds ?? 10));

    public static TimeSpan Timeout(Probe probe) => TimeSpan.FromSeconds(Math.Max(1, probe.TimeoutSeconds ?? 1));
}

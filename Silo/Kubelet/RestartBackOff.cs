namespace OrleansKube.Silo.Kubelet;

/// <summary>
/// The wait before a container's next restart, as Kubernetes: the first crash restarts at once, later ones wait the
/// initial delay doubling with each crash up to the maximum, and a run that lasted a while forgets earlier crashes.
/// </summary>
internal sealed class RestartBackOff(TimeSpan initial, TimeSpan max)
{
    // A run this long counts as healthy and forgets earlier crashes (Kubernetes: 2 x the maximum back-off, 10 min).
    private readonly TimeSpan _resetAfter = max + max;
    private int _crashes;

    /// <summary>The delay before the next start, given how long the last run lasted.</summary>
    public TimeSpan Next(TimeSpan lastRun)
    {
        if (lastRun >= _resetAfter)
        {
            _crashes = 0;
        }

        var delay = _crashes == 0 ? TimeSpan.Zero : initial * Math.Pow(2, Math.Min(_crashes - 1, 30));
        _crashes++;
        return delay > max ? max : delay;
    }
}

namespace OrleansKube.Scheduling;

/// <summary>
/// The scheduler's queues, as kube-scheduler keeps them: an active queue of pods to try now, and the pods waiting
/// (unschedulable, or whose bind failed) with an exponential back-off. A change in the cluster makes the waiting
/// pods eligible again once their back-off has passed; a pod nobody woke is retried after a long flush interval.
/// Keyed by pod key; the newest version of a pod replaces an older one. Not thread-safe.
/// </summary>
public sealed class SchedulingQueue(TimeSpan initialBackoff, TimeSpan maxBackoff)
{
    /// <summary>How long an unschedulable pod waits without any cluster change before it is tried again.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, SchedulingPod> _queued = new(StringComparer.Ordinal);
    private readonly Queue<string> _active = new();
    private readonly Dictionary<string, Waiting> _waiting = new(StringComparer.Ordinal);

    // The history (attempts, last message) of pods moved back to the active queue, so that parking them again
    // lengthens their back-off and does not repeat the message. Dropped when the pod is removed.
    private readonly Dictionary<string, Waiting> _retrying = new(StringComparer.Ordinal);

    public int QueuedCount => _queued.Count;

    public int WaitingCount => _waiting.Count;

    public bool Contains(string key) => _queued.ContainsKey(key) || _waiting.ContainsKey(key);

    /// <summary>Puts the pod on the active queue, replacing any older version; its back-off history is kept.</summary>
    public void Add(SchedulingPod pod)
    {
        if (_waiting.TryGetValue(pod.Key, out var waiting) && waiting.Pod.Uid == pod.Uid)
        {
            waiting.Pod = pod;
            return;
        }

        _waiting.Remove(pod.Key);
        if (_queued.TryAdd(pod.Key, pod))
        {
            _active.Enqueue(pod.Key);
        }
        else
        {
            _queued[pod.Key] = pod;
        }
    }

    public void Remove(string key)
    {
        _queued.Remove(key);
        _waiting.Remove(key);
        _retrying.Remove(key);
    }

    /// <summary>The next pod to try, if any.</summary>
    public bool TryPop(out SchedulingPod pod)
    {
        while (_active.TryDequeue(out var key))
        {
            if (_queued.Remove(key, out pod!))
            {
                return true;
            }
        }

        pod = null!;
        return false;
    }

    /// <summary>
    /// Parks a pod that could not be placed. An unschedulable pod waits for a cluster change (<see cref="Wake"/>);
    /// a pod whose bind failed is retried after its back-off regardless. Returns true when the message is new,
    /// so the caller tells the pod only when there is something new to say.
    /// </summary>
    public bool Park(SchedulingPod pod, string? message, bool waitForChange, DateTimeOffset now)
    {
        if (!_waiting.TryGetValue(pod.Key, out var waiting))
        {
            _retrying.Remove(pod.Key, out waiting);
        }

        if (waiting is null || waiting.Pod.Uid != pod.Uid)
        {
            waiting = new Waiting { Pod = pod };
        }

        _waiting[pod.Key] = waiting;
        _queued.Remove(pod.Key);
        waiting.Pod = pod;
        waiting.Attempts++;
        waiting.LastAttempt = now;
        waiting.NotBefore = now + Backoff(waiting.Attempts);
        waiting.Woken = !waitForChange;
        var changed = message is not null && message != waiting.Message;
        waiting.Message = message ?? waiting.Message;
        return changed;
    }

    /// <summary>The cluster changed (a node came or changed, a pod left): every waiting pod may fit now.</summary>
    public void Wake()
    {
        foreach (var waiting in _waiting.Values)
        {
            waiting.Woken = true;
        }
    }

    /// <summary>Moves to the active queue the waiting pods that were woken and whose back-off has passed, or that waited a full flush interval. Returns how many.</summary>
    public int MoveEligible(DateTimeOffset now)
    {
        var moved = 0;
        foreach (var (key, waiting) in _waiting)
        {
            if ((waiting.Woken && now >= waiting.NotBefore) || now - waiting.LastAttempt >= FlushInterval)
            {
                _waiting.Remove(key);
                _retrying[key] = waiting;
                _queued[key] = waiting.Pod;
                _active.Enqueue(key);
                moved++;
            }
        }

        return moved;
    }

    /// <summary>The back-off after <paramref name="attempts"/> tries: doubling from the initial value up to the maximum.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var backoff = initialBackoff;
        for (var i = 1; i < attempts && backoff < maxBackoff; i++)
        {
            backoff *= 2;
        }

        return backoff < maxBackoff ? backoff : maxBackoff;
    }

    private sealed class Waiting
    {
        public required SchedulingPod Pod { get; set; }
        public int Attempts { get; set; }
        public DateTimeOffset LastAttempt { get; set; }
        public DateTimeOffset NotBefore { get; set; }
        public bool Woken { get; set; }
        public string? Message { get; set; }
    }
}

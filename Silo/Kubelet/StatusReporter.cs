using System.Collections.Concurrent;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Model.Pods;

namespace OrleansKube.Silo.Kubelet;

/// <summary>
/// Sends pod statuses to their pod grains: only the latest status of each pod, as soon as it can. When the control
/// plane cannot be reached the statuses wait and are sent when it returns; the pods run on meanwhile. A pod the
/// cluster no longer has for this node (deleted, replaced, ended by the node lifecycle controller) is handed back to
/// the kubelet to stop.
/// </summary>
internal sealed partial class StatusReporter(IGrainFactory grains, string nodeName, TimeSpan timeout, Func<string, string, Task> rejected, ILogger logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, (string Uid, PodStatus Status)> _pending = new();
    private readonly SemaphoreSlim _signal = new(0);

    // Whether the last attempt reached the cluster, so that an outage is logged once, not once per report.
    private bool _connected = true;

    public void Report(string podKey, string uid, PodStatus status)
    {
        _pending[podKey] = (uid, status);
        _signal.Release();
    }

    public void Forget(string podKey, string uid)
    {
        if (_pending.TryGetValue(podKey, out var entry) && entry.Uid == uid)
        {
            _pending.TryRemove(new KeyValuePair<string, (string, PodStatus)>(podKey, entry));
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await _signal.WaitAsync(cancellationToken);
            while (!_pending.IsEmpty && !cancellationToken.IsCancellationRequested)
            {
                var failed = false;
                foreach (var (key, entry) in _pending.ToArray())
                {
                    failed |= !await SendAsync(key, entry);
                }

                if (failed)
                {
                    await Task.Delay(RetryDelay, cancellationToken);
                }
            }
        }
    }

    // True when the report was settled (taken or rejected), false when it must be tried again.
    private async Task<bool> SendAsync(string key, (string Uid, PodStatus Status) entry)
    {
        try
        {
            await grains.GetGrain<IPodGrain>(key).ReportStatusAsync(entry.Uid, nodeName, entry.Status).WaitAsync(timeout);
            _pending.TryRemove(new KeyValuePair<string, (string, PodStatus)>(key, entry));
            _connected = true;
            return true;
        }
        catch (ApiException exception) when (exception.Reason is ApiErrorReason.NotFound or ApiErrorReason.Conflict)
        {
            _pending.TryRemove(new KeyValuePair<string, (string, PodStatus)>(key, entry));
            LogRejected(logger, key, exception.Message);
            await rejected(key, entry.Uid);
            return true;
        }
        catch (Exception exception)
        {
            if (_connected)
            {
                LogUnreachable(logger, exception, key);
            }

            _connected = false;
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pod {Pod} is not this node's to run any more: {Reason}")]
    private static partial void LogRejected(ILogger logger, string pod, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Status of pod {Pod} could not be reported; pods keep running and reports wait until the cluster answers")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string pod);
}

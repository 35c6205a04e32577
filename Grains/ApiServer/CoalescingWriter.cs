
namespace OrleansKube.ApiServer;

/// <summary>
/// Group commit for a grain's state: callers that ask for a write while one is in flight share the next one,
/// so a burst of changes costs two storage writes instead of one each. Every caller's task completes only
/// once a write that started after its change has succeeded. Used from a single grain's scheduler.
/// </summary>
internal sealed class CoalescingWriter(Func<Task> write)
{
    private TaskCompletionSource? _pending;
    private bool _running;

    public Task WriteAsync()
    {
        _pending ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = _pending.Task;
        if (!_running)
        {
            _ = PumpAsync();
        }

        return task;
    }

    private async Task PumpAsync()
    {
        _running = true;
        try
        {
            while (_pending is { } batch)
            {
                _pending = null;
                try
                {
                    await write();
                    batch.SetResult();
                }
                catch (Exception exception)
                {
                    batch.SetException(exception);
                }
            }
        }
        finally
        {
            _running = false;
        }
    }
}


namespace OrleansKube.ApiServer;

/// <summary>
/// Runs work over many items with a bound on how much is in flight. Unlike <c>Parallel.ForEachAsync</c>, the work
/// starts and continues on the caller's task scheduler, so a grain can use it: every continuation stays on the
/// grain's own turn-based scheduler.
/// </summary>
internal static class Concurrently
{
    public static async Task ForEachAsync<T>(IEnumerable<T> items, int limit, Func<T, Task> action)
    {
        var running = new List<Task>(limit);
        foreach (var item in items)
        {
            if (running.Count >= limit)
            {
                var finished = await Task.WhenAny(running);
                running.Remove(finished);
                await finished;
            }

            running.Add(action(item));
        }

        await Task.WhenAll(running);
    }
}

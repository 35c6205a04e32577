using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansKube.Silo.Runtime;

/// <summary>
/// Starts every child process of the runtimes from one thread that lives as long as the silo.
/// </summary>
/// <remarks>
/// The launch chain asks the kernel to kill a container when its parent dies (<c>PR_SET_PDEATHSIG</c>). The kernel
/// takes "parent" to be the thread that forked, and <see cref="Process.Start()"/> forks on the calling thread: started
/// from a thread-pool thread, a container would be killed when that thread retires. This thread never ends, so the
/// signal comes only when the silo's process does.
/// </remarks>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<(ProcessStartInfo StartInfo, TaskCompletionSource<Process> Started)> Requests = [];
    private static readonly Lazy<Thread> Spawner = new(() =>
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "okube-process-spawner" };
        thread.Start();
        return thread;
    });

    /// <summary>Starts <paramref name="startInfo"/> on the spawner thread; faults as <see cref="Process.Start()"/> would.</summary>
    public static Task<Process> StartAsync(ProcessStartInfo startInfo)
    {
        _ = Spawner.Value;
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((startInfo, started));
        return started.Task;
    }

    private static void Run()
    {
        foreach (var (startInfo, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                started.SetResult(Process.Start(startInfo) ?? throw new InvalidOperationException($"{startInfo.FileName} did not start"));
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        }
    }
}

namespace OrleansKube.Tests.Runtime;

/// <summary>Looks for processes in /proc, and waits for conditions by polling them.</summary>
internal static class Processes
{
    /// <summary>Live processes whose command line contains <paramref name="marker"/> (a zombie's command line is empty).</summary>
    public static IReadOnlyList<int> WithMarker(string marker) => Find(cmdline => cmdline.Contains(marker, StringComparison.Ordinal));

    /// <summary>The <c>sleep MARKER</c> processes themselves, not the shells and launchers that mention the marker.</summary>
    public static IReadOnlyList<int> Sleeping(string marker) => Find(cmdline => cmdline == $"sleep {marker} ");

    private static List<int> Find(Func<string, bool> matches)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                if (matches(File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ')))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // It ended while being looked at.
            }
        }

        return found;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing with <paramref name="what"/> at the deadline.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what, double seconds = 10)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen within {seconds} s");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits for a task with a deadline, so that a hang fails the test instead of stalling the run.</summary>
    public static Task<T> Within<T>(this Task<T> task, double seconds = 10) => task.WaitAsync(TimeSpan.FromSeconds(seconds));
}

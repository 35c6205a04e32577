using System.Globalization;
using System.Runtime.InteropServices;

namespace OrleansKube.Silo.Runtime;

/// <summary>What the runtime reads from <c>/proc</c> and the two libc calls it needs.</summary>
internal static class ProcFs
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    private const int ScClkTck = 2;

    private static readonly Lazy<long> ClockTicks = new(() =>
    {
        // Linux has reported 100 ticks per second for decades; sysconf is asked in case a kernel differs.
        var ticks = sysconf(ScClkTck);
        return ticks > 0 ? ticks : 100;
    });

    /// <summary>Sends <paramref name="signal"/>; a negative pid signals a process group. False when it is gone.</summary>
    /// <remarks>0, 1 and -1 are refused: to kill(2) they mean the caller's own group, init, and every process there is.</remarks>
    public static bool Signal(int pid, int signal) => Math.Abs(pid) > 1 && kill(pid, signal) == 0;

    /// <summary>
    /// Field 22 of <c>/proc/PID/stat</c>: when the process started, in clock ticks after boot; null when it is gone or
    /// a zombie (dead, waiting only for its parent to reap it).
    /// </summary>
    public static long? StartTime(int pid) =>
        StatFields(pid) is { } fields && fields.Length > 22 && fields[2] is not ("Z" or "X") ? ParseLong(fields, 22) : null;

    /// <summary>The children of <paramref name="pid"/>'s main thread.</summary>
    public static IReadOnlyList<int> Children(int pid)
    {
        var text = ReadOrNull($"/proc/{pid}/task/{pid}/children");
        return text is null ? [] : ParsePids(text);
    }

    /// <summary>The process and its descendants, as far as they can still be found.</summary>
    public static IReadOnlyList<int> Tree(int pid)
    {
        var found = new List<int>();
        var pending = new Stack<int>([pid]);
        while (pending.Count > 0 && found.Count < 10_000)
        {
            var next = pending.Pop();
            found.Add(next);
            foreach (var child in Children(next))
            {
                pending.Push(child);
            }
        }

        return found;
    }

    /// <summary>CPU time (own and reaped children's) and resident memory of a process tree; null when the root is gone.</summary>
    public static ContainerUsage? TreeUsage(int pid)
    {
        long ticks = 0, rssBytes = 0;
        var any = false;
        foreach (var member in Tree(pid))
        {
            if (StatFields(member) is not { } fields)
            {
                continue;
            }

            any = true;
            ticks += ParseLong(fields, 14) + ParseLong(fields, 15) + ParseLong(fields, 16) + ParseLong(fields, 17);
            rssBytes += ReadStatusKilobytes(member, "VmRSS:") * 1024;
        }

        return any ? new ContainerUsage(TimeSpan.FromSeconds(ticks / (double)ClockTicks.Value), rssBytes) : null;
    }

    public static IReadOnlyList<int> ParsePids(string text)
    {
        var pids = new List<int>();
        foreach (var part in text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0)
            {
                pids.Add(pid);
            }
        }

        return pids;
    }

    public static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The fields of <c>/proc/PID/stat</c>, numbered from 1 as in proc(5). The command name (field 2) may hold spaces
    /// and parentheses, so the fields after it are split from the last <c>)</c>.
    /// </summary>
    private static string[]? StatFields(int pid)
    {
        var text = ReadOrNull($"/proc/{pid}/stat");
        var close = text?.LastIndexOf(')') ?? -1;
        if (text is null || close < 0)
        {
            return null;
        }

        // Index 0 and 1 stand for pid and comm so that field n is at index n - 1.
        return ["", "", .. text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static long ParseLong(string[] fields, int field) =>
        field - 1 < fields.Length && long.TryParse(fields[field - 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : 0;

    private static long ReadStatusKilobytes(int pid, string key)
    {
        var text = ReadOrNull($"/proc/{pid}/status");
        var line = text?.Split('\n').FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        var number = line?[key.Length..].Trim().Split(' ')[0];
        return long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    [DllImport("libc")]
    private static extern long sysconf(int name);
}

using System.Diagnostics;
using System.Globalization;

namespace OrleansKube.Silo.Runtime;

/// <summary>How a container's processes are held together, so that they can be stopped and die with the silo.</summary>
internal enum Isolation
{
    /// <summary>A PID namespace of its own: when its first process dies, the kernel kills all the others.</summary>
    PidNamespace,

    /// <summary>A session and process group of its own, signalled as a group; grandchildren may outlive a crashed silo.</summary>
    ProcessGroup,
}

/// <summary>
/// The programs a container is started through: <c>env --default-signal=PIPE -- setpriv --pdeathsig KILL -- sh -c SCRIPT
/// okube-container PWD? N CGROUP-PROCS... unshare --pid --fork --kill-child -- sh -c INIT okube-init CMD ARGS...</c>.
/// </summary>
/// <remarks>
/// <c>setpriv</c> has the kernel SIGKILL the chain when the silo dies; the script (ours) writes its pid into the
/// container's cgroups and execs the rest; <c>unshare</c> forks a small init of ours (a shell that runs the command as
/// its child and forwards SIGTERM) as the first process of a new PID namespace and, being SIGKILLed, kills it, and with
/// it the namespace. The command itself is passed as arguments, never interpreted by a shell. Where PID namespaces are
/// not permitted (not root), <c>setsid</c> takes <c>unshare</c>'s place.
/// </remarks>
internal sealed class LaunchChain
{
    private const string Shell = "/bin/sh";
    // The shell exports PWD, which the container's environment may not have: it is removed again unless it was there.
    private const string Script =
        "[ \"$1\" = keep-pwd ] || unset PWD; n=$2; shift 2; " +
        "while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || exit 125; n=$((n - 1)); shift; done; exec \"$@\"";

    // The first process of the PID namespace. The kernel drops signals to a namespace's init that it has no handler for,
    // so a program run as init would ignore SIGTERM (as in a container without --init): this one runs the command as its
    // child, passes TERM and INT on to it, and ends with its exit code (128 + signal when a signal ended it). Its traps
    // are set before the child starts, so a signal that comes meanwhile is kept and passed on once the child is there.
    // The shell's own stderr goes to /dev/null (it would report "Killed" for a child that was), the command keeps the real
    // one; PWD, which the shell exports, is dropped again as in the script above.
    private const string Init =
        "[ \"$1\" = keep-pwd ] || unset PWD; shift; exec 3>&2 2>/dev/null; child=; early=; " +
        "trap 'if [ -n \"$child\" ]; then kill -TERM $child; else early=TERM; fi' TERM; " +
        "trap 'if [ -n \"$child\" ]; then kill -INT $child; else early=INT; fi' INT; " +
        "\"$@\" 2>&3 3>&- & child=$!; [ -z \"$early\" ] || kill -$early $child; " +
        "while :; do wait $child; code=$?; kill -0 $child || exit $code; done";

    private readonly string[] _prefix;
    private readonly string[] _isolate;

    private LaunchChain(Isolation isolation, string[] prefix, string[] isolate, string? problem)
    {
        Isolation = isolation;
        _prefix = prefix;
        _isolate = isolate;
        Problem = problem;
    }

    public Isolation Isolation { get; }

    /// <summary>What the chain cannot do here (containers may outlive a crashed silo), or null.</summary>
    public string? Problem { get; }

    /// <summary>Finds <c>env</c>, <c>setpriv</c>, <c>unshare</c> and <c>setsid</c> on the silo's PATH and tries what they need.</summary>
    public static LaunchChain Detect()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        string? Find(string program) => ProgramLookup.Resolve(program, path, "/").Program;

        // .NET ignores SIGPIPE and its children inherit that, which a shell cannot undo; a container expects the default
        // (so that `producer | head` ends the producer quietly). coreutils' env resets it, from version 8.31.
        string[] defaultPipe = ["--default-signal=PIPE", "--"];
        string[] prefix =
        [
            .. Find("env") is { } env && Succeeds(env, [.. defaultPipe, Shell, "-c", "exit 0"]) ? [env, .. defaultPipe] : (string[])[],
            .. Find("setpriv") is { } setpriv ? [setpriv, "--pdeathsig", "KILL", "--"] : (string[])[],
        ];
        var noDeathSignal = prefix.Any(p => p.EndsWith("/setpriv", StringComparison.Ordinal))
            ? ""
            : "setpriv was not found, so containers outlive a silo that crashes; ";
        string[] pidNamespace = ["--pid", "--fork", "--kill-child", "--"];
        if (Find("unshare") is { } unshare && Succeeds(unshare, [.. pidNamespace, Shell, "-c", "exit 0"]))
        {
            return new(Isolation.PidNamespace, prefix, [unshare, .. pidNamespace, Shell, "-c", Init, "okube-init"], NullIfEmpty(noDeathSignal));
        }

        var why = Find("unshare") is null ? "unshare was not found" : "unshare --pid is not permitted (it needs root)";
        return new(
            Isolation.ProcessGroup,
            prefix,
            Find("setsid") is { } setsid ? [setsid, "--"] : [],
            $"{noDeathSignal}{why}, so containers run in a process group of their own and their children may outlive a silo that crashes");
    }

    /// <summary>The start of <paramref name="command"/> through the chain, its cgroups joined before it runs.</summary>
    public ProcessStartInfo StartInfo(
        IReadOnlyList<string> command,
        IReadOnlyDictionary<string, string> environment,
        string workingDirectory,
        IReadOnlyList<string> cgroupProcsFiles)
    {
        var keepPwd = environment.ContainsKey("PWD") ? "keep-pwd" : "-";
        string[] arguments =
        [
            .. _prefix, Shell, "-c", Script, "okube-container", keepPwd,
            cgroupProcsFiles.Count.ToString(CultureInfo.InvariantCulture), .. cgroupProcsFiles, .. _isolate,
            // Our init in the PID namespace takes the PWD flag too; setsid passes the command straight on.
            .. (Isolation == Isolation.PidNamespace ? [keepPwd] : (string[])[]), .. command,
        ];
        var startInfo = new ProcessStartInfo(arguments[0], arguments.Skip(1))
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        return startInfo;
    }

    /// <summary>
    /// Whether <paramref name="line"/> is unshare's complaint that it could not pass its command's SIGKILL on. unshare
    /// (util-linux 2.38) ends as its command did by raising the same signal against itself, but SIGKILL cannot be reset
    /// to its default first, so there it prints this and exits with 1 instead.
    /// </summary>
    public static bool IsReraiseFailure(string line) =>
        line.StartsWith("unshare: ", StringComparison.Ordinal) && line.Contains("sigprocmask", StringComparison.Ordinal);

    private static bool Succeeds(string program, string[] arguments)
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(program, arguments)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (probe is null)
            {
                return false;
            }

            if (!probe.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                probe.Kill();
                return false;
            }

            return probe.ExitCode == 0;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text.TrimEnd(' ', ';');
}

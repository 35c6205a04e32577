using OrleansKube.Client.Cluster;

namespace OrleansKube.Client.Commands;

/// <summary>
/// What commands talk to: the terminal's streams, the clock ages are measured with, and how to reach the cluster.
/// Tests pass writers to capture, a fixed clock, or a connection of their own.
/// </summary>
internal sealed record CliContext(
    TextReader In,
    TextWriter Out,
    TextWriter Error,
    TimeProvider Clock,
    Func<ClusterAddress, CancellationToken, Task<IClusterSession>> Connect)
{
    /// <summary>
    /// How often a command that waits for the cluster reads it again (<c>rollout status</c>, <c>logs -f</c>, <c>drain</c>);
    /// tests shorten it.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public static CliContext ForConsole() =>
        new(Console.In, Console.Out, Console.Error, TimeProvider.System, ClusterConnection.ConnectAsync);

    /// <summary>Prints each line of <paramref name="message"/> as <c>error: ...</c> on stderr; returns exit code 1.</summary>
    public int Fail(string message)
    {
        foreach (var line in message.Split('\n'))
        {
            Error.WriteLine("error: " + line.TrimEnd('\r'));
        }

        return ExitCodes.Failure;
    }
}

/// <summary>kubectl's exit codes, with usage errors told apart as 2.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary>Interrupted by Ctrl+C, as a shell reports SIGINT.</summary>
    public const int Interrupted = 130;
}

/// <summary>A user error found by a command, printed as <c>error: message</c> with exit code 1.</summary>
internal sealed class CommandException(string message) : Exception(message);

using System.Net.Sockets;
using System.Text.RegularExpressions;
using Orleans.Runtime.Messaging;
using OrleansKube.Client.Cluster;
using OrleansKube.Kinds.Manifests;

namespace OrleansKube.Client.Commands;

/// <summary>Runs a command's body and turns what it throws into <c>error: ...</c> lines on stderr and an exit code, never a stack trace.</summary>
internal static partial class CommandRunner
{
    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        catch (ManifestException e)
        {
            return context.Fail(string.Join('\n', e.Errors));
        }
        catch (Exception e)
        {
            // Refusals (ApiException), user errors (CommandException) and connection failures carry kubectl-worded
            // messages; anything else is shown by its message too, as a user can act on it no better with a trace.
            return context.Fail(e.Message);
        }
    }

    /// <summary>Connects to the cluster at <paramref name="address"/>, runs <paramref name="body"/> with it, and disconnects.</summary>
    public static async Task<int> WithClusterAsync(
        CliContext context, ClusterAddress address, Func<IGrainFactory, Task<int>> body, CancellationToken cancellationToken)
    {
        await using var session = await context.Connect(address, cancellationToken);
        try
        {
            return await body(session.Grains);
        }
        catch (Exception e) when (IsConnectionLoss(e) && !cancellationToken.IsCancellationRequested)
        {
            throw SiloOf(e.Message) is { } silo && silo != address.ToString()
                ? new CommandException($"silo {silo} of the cluster did not answer; if it has stopped, the cluster notices within seconds and moves its work: try again")
                : new ClusterUnreachableException(address, e.Message, e);
        }
    }

    // Orleans names silos S<ip>:<port>:<generation> in its messages; the silo port tells which silo failed.
    internal static string? SiloOf(string message) =>
        SiloAddressPattern().Match(message) is { Success: true } match ? match.Groups["endpoint"].Value : null;

    [GeneratedRegex(@"\bS(?<endpoint>\d{1,3}(?:\.\d{1,3}){3}:\d+):\d+")]
    private static partial Regex SiloAddressPattern();

    private static bool IsConnectionLoss(Exception e) =>
        e is OrleansMessageRejectionException or ConnectionFailedException or TimeoutException or SocketException;
}

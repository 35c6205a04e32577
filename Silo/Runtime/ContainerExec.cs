using System.Text;

namespace OrleansKube.Silo.Runtime;

/// <summary>
/// Runs a command beside a container (exec probes): through the same <see cref="LaunchChain"/>, in the container's
/// cgroups, with its environment and working directory, so that killing the chain at the timeout ends all it started.
/// </summary>
internal static class ContainerExec
{
    /// <summary>Combined stdout and stderr beyond this are dropped; probes need only the start.</summary>
    public const int MaxOutputBytes = 10 * 1024;

    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(5);

    public static async Task<ExecResult> RunAsync(
        LaunchChain chain,
        IReadOnlyList<string> command,
        IReadOnlyDictionary<string, string> environment,
        string workingDirectory,
        IReadOnlyList<string> cgroupProcsFiles,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        if (command.Count == 0)
        {
            return new ExecResult(126, "exec: no command given", TimedOut: false);
        }

        var (_, error) = ProgramLookup.Resolve(command[0], environment.GetValueOrDefault("PATH"), workingDirectory);
        if (error is not null)
        {
            return new ExecResult(127, error, TimedOut: false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var process = await ProcessSpawner.StartAsync(chain.StartInfo(command, environment, workingDirectory, cgroupProcsFiles));
        process.StandardInput.Close();
        var output = new BoundedOutput();
        var copies = Task.WhenAll(
            Task.Run(() => output.CopyAsync(process.StandardOutput.BaseStream)),
            Task.Run(() => output.CopyAsync(process.StandardError.BaseStream)));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Kubernetes never asks for less than a second; no positive timeout at all is taken as none.
        deadline.CancelAfter(timeout > TimeSpan.Zero ? timeout : Timeout.InfiniteTimeSpan);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            ProcFs.Signal(process.Id, ProcFs.SigKill);
            if (chain.Isolation == Isolation.ProcessGroup)
            {
                ProcFs.Signal(-process.Id, ProcFs.SigKill);
            }

            await process.WaitForExitAsync().WaitAsync(KillTimeout, CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (chain.Isolation == Isolation.ProcessGroup)
        {
            ProcFs.Signal(-process.Id, ProcFs.SigKill);
        }

        await Task.WhenAny(copies, Task.Delay(KillTimeout, CancellationToken.None));
        var text = output.Text;
        var lastLine = text.TrimEnd('\n').LastIndexOf('\n') + 1;
        return process.ExitCode == 1 && LaunchChain.IsReraiseFailure(text[lastLine..])
            ? new ExecResult(128 + ProcFs.SigKill, text[..lastLine], timedOut)
            : new ExecResult(process.ExitCode, text, timedOut);
    }

    private sealed class BoundedOutput
    {
        private readonly Lock _lock = new();
        private readonly MemoryStream _bytes = new();

        public string Text
        {
            get
            {
                lock (_lock)
                {
                    return Encoding.UTF8.GetString(_bytes.GetBuffer(), 0, (int)_bytes.Length);
                }
            }
        }

        /// <summary>Reads to the end, keeping what fits: a full pipe would otherwise block the command.</summary>
        public async Task CopyAsync(Stream source)
        {
            var buffer = new byte[4096];
            try
            {
                int read;
                while ((read = await source.ReadAsync(buffer)) > 0)
                {
                    lock (_lock)
                    {
                        _bytes.Write(buffer, 0, (int)Math.Min(read, MaxOutputBytes - _bytes.Length));
                    }
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The process is gone and its pipe closed.
            }
        }
    }
}

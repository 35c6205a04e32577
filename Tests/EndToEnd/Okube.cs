using System.Diagnostics;

namespace OrleansKube.Tests.EndToEnd;

/// <summary>Runs the real <c>okube</c> executable, as a user would.</summary>
internal static class Okube
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    public static async Task<Result> RunAsync(string gateway, params string[] args) => await RunWithInputAsync(gateway, null, args);

    public static Task<Result> RunWithInputAsync(string gateway, string? stdin, params string[] args) =>
        RunAsync(["--gateway", gateway], stdin, args);

    /// <summary>Runs <c>okube --redis CONNECTION ...</c>: the gateways found through Redis clustering.</summary>
    public static Task<Result> RunThroughRedisAsync(string redis, string? stdin, params string[] args) =>
        RunAsync(["--redis", redis], stdin, args);

    private static Task<Result> RunAsync(string[] connection, string? stdin, string[] args)
    {
        var info = new ProcessStartInfo("dotnet");
        info.ArgumentList.Add(Repository.ClientAssembly);
        foreach (var arg in connection.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        return RunProcessAsync(info, stdin, TimeSpan.FromSeconds(60), $"okube {string.Join(' ', args)}");
    }

    /// <summary>
    /// Runs <paramref name="info"/> to its end with <paramref name="stdin"/> (none when null) and returns what it printed;
    /// one still running after <paramref name="timeout"/> is killed and fails as <paramref name="what"/>.
    /// </summary>
    public static async Task<Result> RunProcessAsync(ProcessStartInfo info, string? stdin, TimeSpan timeout, string what)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not finish in {timeout.TotalSeconds} s; it printed: {await stdout} {await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}

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

    private static async Task<Result> RunAsync(string[] connection, string? stdin, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Repository.ClientAssembly);
        foreach (var arg in connection.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"okube {string.Join(' ', args)} did not finish in 60 s");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}

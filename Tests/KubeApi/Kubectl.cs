using System.Diagnostics;
using OrleansKube.Tests.EndToEnd;

namespace OrleansKube.Tests.KubeApi;

/// <summary>Runs the real kubectl of the machine against a kubeconfig, as a user would; the tests fail, not skip, without it.</summary>
internal sealed class Kubectl(string kubeconfig)
{
    public const string Path = "/usr/bin/kubectl";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>Runs <c>kubectl ARGS</c> to its end.</summary>
    public Task<Okube.Result> RunAsync(params string[] args) => RunWithInputAsync(null, null, args);

    /// <summary>Runs <c>kubectl ARGS</c> with <paramref name="stdin"/> and extra environment variables (such as EDITOR).</summary>
    public Task<Okube.Result> RunWithInputAsync(string? stdin, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        Okube.RunProcessAsync(StartInfo(args, environment), stdin, Timeout, $"kubectl {string.Join(' ', args)}");

    /// <summary>Starts a kubectl that runs on (<c>get -w</c>, <c>logs -f</c>); the caller reads and ends it.</summary>
    public Process Start(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = StartInfo(args, environment);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        return Process.Start(info)!;
    }

    private ProcessStartInfo StartInfo(string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        Assert.True(File.Exists(Path), $"kubectl is not installed at {Path}; these tests need the real kubectl");
        var info = new ProcessStartInfo(Path);
        info.Environment["KUBECONFIG"] = kubeconfig;
        info.Environment["HOME"] = System.IO.Path.GetDirectoryName(kubeconfig)!;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    /// <summary>Runs kubectl and asserts it succeeded; returns what it printed.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)}: {result}");
        return result.Stdout;
    }

    /// <summary>Runs kubectl and asserts it failed; returns what it printed on stderr.</summary>
    public async Task<string> FailsAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode != 0, $"kubectl {string.Join(' ', args)} should have failed: {result}");
        return result.Stderr;
    }
}

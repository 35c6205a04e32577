using System.Diagnostics;
using System.Net;
using System.Text;

namespace OrleansKube.Harness;

/// <summary>
/// A real silo process on loopback ports, started as a user starts it (<c>dotnet OrleansKube.Silo.dll --silo-port ..</c>);
/// killed with its process tree on dispose. Shared by the end-to-end tests and the benchmarks, each of which adds how it
/// starts one (the source file is compiled into both).
/// </summary>
internal sealed partial class SiloProcess : IAsyncDisposable
{
    private const int KeptOutput = 256 * 1024;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string[] _arguments;
    private readonly bool _ownsDataDirectory;
    private bool _disposed;

    private SiloProcess(Process process, string[] arguments, string dataDirectory, bool ownsDataDirectory, SiloPorts ports)
    {
        _process = process;
        _arguments = arguments;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        Ports = ports;
    }

    public SiloPorts Ports { get; }

    public int SiloPort => Ports.Silo;

    public int GatewayPort => Ports.Gateway;

    public int HttpPort => Ports.Http;

    /// <summary>The Kubernetes API's address, as a kubeconfig names it.</summary>
    public string ApiServer => $"http://{Address}:{Ports.Api}";

    public int ProcessId => _process.Id;

    /// <summary>Where this silo's kubelet keeps its pods' files.</summary>
    public string DataDirectory { get; }

    /// <summary>The address the silo listens on: its <c>--address</c>, or 127.0.0.1.</summary>
    public string Address => Argument("--address") ?? "127.0.0.1";

    public string Gateway => $"{Address}:{GatewayPort}";

    public IPEndPoint SiloEndpoint => new(IPAddress.Parse(Address), SiloPort);

    /// <summary>The silo's <c>--node-name</c>.</summary>
    public string? NodeName => Argument("--node-name");

    /// <summary>What the silo printed (its last 256 KiB), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="siloAssembly"/> on <paramref name="ports"/> and waits until its <c>/healthz</c> answers and
    /// <paramref name="ready"/> says so; a silo that does not get there is killed and the failure carries its output.
    /// </summary>
    private static async Task<SiloProcess> LaunchAsync(
        string siloAssembly,
        SiloPorts ports,
        string dataDirectory,
        bool ownsDataDirectory,
        string[] extraArgs,
        Func<SiloProcess, Task<bool>> ready)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        string[] arguments =
        [
            siloAssembly, "--silo-port", $"{ports.Silo}", "--gateway-port", $"{ports.Gateway}", "--http-port", $"{ports.Http}",
            "--api-port", $"{ports.Api}",
            "--data-dir", dataDirectory, .. extraArgs,
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var silo = new SiloProcess(Process.Start(info)!, extraArgs, dataDirectory, ownsDataDirectory, ports);
        silo._process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        try
        {
            await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), ready);
        }
        catch
        {
            // A silo that never became ready must not outlive whatever started it.
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    /// <summary>SIGKILL to the silo process alone, as <c>kill -9</c>: its pods must die by themselves (parent-death signal).</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }

        RemoveNodeCgroups();
    }

    // A silo killed outright leaves its node's cgroups behind (empty: their processes died with it) until a silo of the
    // same node starts again. Tests and benchmarks name their nodes once, so they remove them.
    private void RemoveNodeCgroups()
    {
        if (NodeName is not { } node)
        {
            return;
        }

        foreach (var controller in new[] { "memory", "cpu", "cpuacct" })
        {
            var directory = Path.Combine("/sys/fs/cgroup", controller, "okube", node);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            try
            {
                foreach (var container in Directory.GetDirectories(directory))
                {
                    Directory.Delete(container);
                }

                Directory.Delete(directory);
            }
            catch (IOException)
            {
                // Still in use: the next start of that node cleans up.
            }
        }
    }

    private string? Argument(string flag)
    {
        var at = Array.IndexOf(_arguments, flag);
        return at >= 0 && at + 1 < _arguments.Length ? _arguments[at + 1] : null;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > KeptOutput)
            {
                _output.Remove(0, _output.Length - KeptOutput);
            }
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, Func<SiloProcess, Task<bool>> ready)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"silo {NodeName} exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync($"http://{Address}:{HttpPort}/healthz")).IsSuccessStatusCode && await ready(this))
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"silo {NodeName} not ready within {timeout}:\n{Output}");
    }
}

/// <summary>The loopback ports one silo listens on: cluster, gateway, dashboard and Kubernetes API.</summary>
internal sealed record SiloPorts(int Silo, int Gateway, int Http, int Api)
{
    /// <summary>Four ports nobody listens on.</summary>
    public static SiloPorts Free() => new(LoopbackPorts.Next(), LoopbackPorts.Next(), LoopbackPorts.Next(), LoopbackPorts.Next());
}

using System.Diagnostics;
using System.Net;
using System.Text;

namespace OrleansKube.Benchmarks.Harness;

/// <summary>
/// A real silo process with the embedded profile on free loopback ports, started as a user starts it
/// (<c>dotnet OrleansKube.Silo.dll --silo-port .. --node-name ..</c>); killed with its process tree on dispose.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private const int KeptOutput = 16 * 1024;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private SiloProcess(Process process, string nodeName, string dataDirectory, int siloPort, int gatewayPort, int httpPort)
    {
        _process = process;
        NodeName = nodeName;
        DataDirectory = dataDirectory;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
    }

    public string NodeName { get; }

    public string DataDirectory { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int HttpPort { get; }

    public IPEndPoint SiloEndpoint => new(IPAddress.Loopback, SiloPort);

    /// <summary>The end of what the silo printed, for failure messages.</summary>
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

    /// <summary>Starts a silo that joins <paramref name="primary"/> (or is the first) and waits until its HTTP endpoint answers.</summary>
    public static async Task<SiloProcess> StartAsync(string nodeName, string dataRoot, IPEndPoint? primary, params string[] extraArgs)
    {
        var (siloPort, gatewayPort, httpPort) = (BenchmarkCluster.FreePort(), BenchmarkCluster.FreePort(), BenchmarkCluster.FreePort());
        var dataDirectory = Path.Combine(dataRoot, nodeName);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        string[] arguments =
        [
            SiloAssembly.Path, "--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}", "--http-port", $"{httpPort}",
            "--data-dir", dataDirectory, "--node-name", nodeName,
            .. primary is null ? Array.Empty<string>() : ["--primary", primary.ToString()],
            .. extraArgs,
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var silo = new SiloProcess(Process.Start(info)!, nodeName, dataDirectory, siloPort, gatewayPort, httpPort);
        silo._process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        try
        {
            await silo.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
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
        RemoveNodeCgroups();
    }

    // A silo killed outright leaves its node's cgroups behind (empty: their processes died with it) until a silo of the
    // same node starts again, which a benchmark's node never does.
    private void RemoveNodeCgroups()
    {
        foreach (var controller in new[] { "memory", "cpu", "cpuacct" })
        {
            var directory = Path.Combine("/sys/fs/cgroup", controller, "okube", NodeName);
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
                // Still in use: the next start of a node of this name cleans up.
            }
        }
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

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
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
                if ((await http.GetAsync($"http://127.0.0.1:{HttpPort}/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"silo {NodeName} not ready within {timeout}:\n{Output}");
    }
}

using System.Diagnostics;
using System.Text;

namespace OrleansKube.Tests.EndToEnd;

/// <summary>A real silo process on free loopback ports, as a user starts it; killed with its process tree on dispose.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string[] _arguments;
    private bool _disposed;

    private SiloProcess(Process process, string[] arguments, string dataDirectory, int siloPort, int gatewayPort, int httpPort)
    {
        _process = process;
        _arguments = arguments;
        DataDirectory = dataDirectory;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
    }

    public int SiloPort { get; }

    public int ProcessId => _process.Id;

    public (int Silo, int Gateway, int Http) Ports => (SiloPort, GatewayPort, HttpPort);


    /// <summary>Where this silo's kubelet keeps its pods' files, a temporary directory of its own.</summary>
    public string DataDirectory { get; }

    public int GatewayPort { get; }

    public int HttpPort { get; }

    public string Gateway => $"{Address}:{GatewayPort}";

    /// <summary>The address the silo listens on: its <c>--address</c>, or 127.0.0.1.</summary>
    public string Address => Argument("--address") ?? "127.0.0.1";

    /// <summary>What the silo printed so far, for failure messages.</summary>
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

    public static Task<SiloProcess> StartAsync(params string[] extraArgs) =>
        StartAsync((Repository.FreePort(), Repository.FreePort(), Repository.FreePort()), extraArgs);

    /// <summary>Starts a silo on given ports, as a silo is started again after it stopped.</summary>
    public static async Task<SiloProcess> StartAsync((int Silo, int Gateway, int Http) ports, params string[] extraArgs)
    {
        var (siloPort, gatewayPort, httpPort) = ports;
        var dataDirectory = Path.Combine(Path.GetTempPath(), "okube-tests", $"silo-{siloPort}-{Guid.NewGuid():N}"[..24]);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var arg in new[] { Repository.SiloAssembly, "--silo-port", $"{siloPort}", "--gateway-port", $"{gatewayPort}", "--http-port", $"{httpPort}", "--data-dir", dataDirectory }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        var silo = new SiloProcess(Process.Start(info)!, extraArgs, dataDirectory, siloPort, gatewayPort, httpPort);
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
            // A silo that never became ready must not outlive the test that started it.
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    /// <summary>SIGKILL to the silo process alone, as <c>kill -9</c>: what it started must die by itself.</summary>
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
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        RemoveNodeCgroups();
    }

    // A silo killed outright leaves its node's cgroups behind (empty: their processes died with it) until a silo of the
    // same node starts again. Tests name their nodes once, so they remove them.
    private void RemoveNodeCgroups()
    {
        if (Argument("--node-name") is not { } node)
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
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    // Ready means the HTTP endpoint answers and the default namespace (made by a start-up task) is served.
    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"silo exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync($"http://{Address}:{HttpPort}/healthz")).IsSuccessStatusCode &&
                    (await Okube.RunAsync(Gateway, "get", "namespace", "default")).ExitCode == 0)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"silo not ready within {timeout}:\n{Output}");
    }
}

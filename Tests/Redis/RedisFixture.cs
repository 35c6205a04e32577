using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using OrleansKube.Harness;

namespace OrleansKube.Tests.Redis;

/// <summary>
/// A private <c>redis-server</c> on a free loopback port, in a temporary directory, persisting nothing; installed from the
/// machine's Debian package source when missing. Killed by its pid on dispose. Tests that need it fail, never skip, when
/// it cannot be had.
/// </summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly SemaphoreSlim Installing = new(1, 1);

    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _directory;

    /// <summary>The StackExchange.Redis configuration string of the server, such as <c>127.0.0.1:40123</c>.</summary>
    public string Connection { get; private set; } = "";

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        string server;
        await Installing.WaitAsync();
        try
        {
            // Several collections may each start a redis-server at once: one installs it, the others wait for it.
            server = FindServer() ?? await InstallAsync();
        }
        finally
        {
            Installing.Release();
        }

        Port = LoopbackPorts.Next();
        _directory = Directory.CreateTempSubdirectory("okube-redis-").FullName;
        var info = new ProcessStartInfo(server)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var arg in new[] { "--port", $"{Port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--dir", _directory })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {server}");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Connection = $"127.0.0.1:{Port}";
        await WaitForPongAsync();
    }

    /// <summary>Empties the server, so that a test's cluster starts with no membership or reminders of an earlier one.</summary>
    public async Task FlushAsync()
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse(Connection);
        options.AllowAdmin = true;
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(options);
        await redis.GetServers().Single().FlushAllDatabasesAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                // The server started here, by its pid; never another redis on the machine.
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string? FindServer() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append("/usr/bin").Append("/usr/sbin")
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);

    // Debian's redis-server package. Its post-install does not start a service where policy-rc.d forbids it (containers);
    // the lock timeout waits out another apt-get on the machine.
    private static async Task<string> InstallAsync()
    {
        var log = new StringBuilder();
        foreach (var args in new[]
        {
            new[] { "-o", "DPkg::Lock::Timeout=120", "update" },
            ["-o", "DPkg::Lock::Timeout=120", "install", "-y", "--no-install-recommends", "redis-server"],
        })
        {
            var (exitCode, output) = await RunAsync("apt-get", args);
            log.Append(output);
            if (exitCode != 0)
            {
                throw new InvalidOperationException(
                    $"redis-server is not installed and apt-get {string.Join(' ', args)} failed with exit code {exitCode}; install it (apt-get install redis-server) to run the Redis tests:\n{log}");
            }
        }

        return FindServer() ?? throw new InvalidOperationException($"apt-get installed redis-server, yet no redis-server is on the PATH:\n{log}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout + await stderr);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{file}: {e.Message}\n");
        }
    }

    // PING in Redis's inline protocol; +PONG once the server accepts commands.
    private async Task WaitForPongAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode} before answering PING:\n{Output()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[64];
                var read = await stream.ReadAsync(buffer);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"redis-server on port {Port} did not answer PING within {StartTimeout.TotalSeconds} s:\n{Output()}");
            }

            await Task.Delay(100);
        }
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

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "redis";
}

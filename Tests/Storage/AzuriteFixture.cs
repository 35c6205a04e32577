using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OrleansKube.Harness;
using OrleansKube.Silo.Runtime;
using OrleansKube.Tests.EndToEnd;

namespace OrleansKube.Tests.Storage;

/// <summary>
/// A real Azurite table service on a free loopback port, installed with npm into the repository's <c>.tools/</c> when
/// missing. It can be stopped and started again on the same port and data folder, to play a storage outage. When
/// Azurite cannot be installed or started the tests that need it fail with the reason; they are never skipped.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account key; it is public, and Azurite accepts nothing else.</summary>
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Azurite's table service closes its database (saving it) on SIGINT only; SIGTERM ends it unsaved.</summary>
    private const int SigInt = 2;

    private static readonly string InstallDirectory = Path.Combine(Repository.Root, ".tools", "azurite");
    private static readonly string Executable = Path.Combine(InstallDirectory, "node_modules", ".bin", "azurite-table");

    private readonly StringBuilder _output = new();
    private Process? _process;

    public int Port { get; } = LoopbackPorts.Next();

    /// <summary>Where Azurite keeps its tables; kept across <see cref="StopAsync"/> and <see cref="StartAsync"/>.</summary>
    public string Location { get; } = Path.Combine(Path.GetTempPath(), "okube-tests", $"azurite-{Guid.NewGuid():N}");

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public async Task InitializeAsync()
    {
        await EnsureInstalledAsync();
        Directory.CreateDirectory(Location);
        await StartAsync();
    }

    /// <summary>Starts Azurite on <see cref="Port"/> over <see cref="Location"/> and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Location,
        };
        foreach (var arg in new[]
        {
            "--disableTelemetry", "--silent", "--skipApiVersionCheck", "--loose",
            "--tableHost", "127.0.0.1", "--tablePort", $"{Port}", "--location", Location,
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {Executable}");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await AnswersAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"Azurite did not listen on 127.0.0.1:{Port} within 30 s (exited: {process.HasExited}). Output:{Environment.NewLine}{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Stops Azurite as an outage would, but with SIGINT so that it saves its tables first (it keeps them in memory and
    /// writes them to <see cref="Location"/> only every few seconds).
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is not { } process || process.HasExited)
        {
            return;
        }

        ProcFs.Signal(process.Id, SigInt);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
        _process = null;
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (IOException)
        {
            // A leftover folder in the temporary directory harms nobody.
        }
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
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

    private async Task<bool> AnswersAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // Several collections may each start an Azurite at once: one installs, the others wait for it.
    private static readonly SemaphoreSlim Installing = new(1, 1);

    private static async Task EnsureInstalledAsync()
    {
        await Installing.WaitAsync();
        try
        {
            if (!File.Exists(Executable))
            {
                await InstallAsync();
            }
        }
        finally
        {
            Installing.Release();
        }
    }

    private static async Task InstallAsync()
    {

        // npm uses the machine's configured registry; the repository names none.
        var info = new ProcessStartInfo("npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "install", "--no-audit", "--no-fund", "--prefix", InstallDirectory, "azurite@3" })
        {
            info.ArgumentList.Add(arg);
        }

        using var npm = Process.Start(info) ?? throw new InvalidOperationException("could not start npm to install Azurite; is Node.js installed?");
        var stdout = npm.StandardOutput.ReadToEndAsync();
        var stderr = npm.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await npm.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"installing Azurite with npm into {InstallDirectory} took over 5 minutes");
        }

        if (npm.ExitCode != 0 || !File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"installing Azurite with npm into {InstallDirectory} failed (exit code {npm.ExitCode}):{Environment.NewLine}{await stdout}{await stderr}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}

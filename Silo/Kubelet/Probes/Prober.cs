using System.Net.Sockets;
using OrleansKube.Model.Pods;
using OrleansKube.Silo.Runtime;

namespace OrleansKube.Silo.Kubelet.Probes;

/// <summary>The outcome of one probe; the message says what failed.</summary>
internal sealed record ProbeResult(bool Success, string? Message = null)
{
    public static ProbeResult Ok { get; } = new(true);
}

/// <summary>
/// Runs one probe of a container: an exec beside it, an HTTP GET (200–399 is healthy) or a TCP connect. Ports given by
/// name or by container port number reach the host port the container was given.
/// </summary>
internal sealed class Prober(HttpClient http)
{
    public async Task<ProbeResult> ProbeAsync(
        Probe probe, IRunningContainer container, ContainerPorts ports, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var timeout = ProbeTracker.Timeout(probe);
        try
        {
            if (probe.Exec is { } exec)
            {
                var command = exec.Command.Select(part => VariableExpansion.Expand(part, environment)).ToList();
                var result = await container.ExecAsync(command, timeout, cancellationToken);
                return result switch
                {
                    { TimedOut: true } => new(false, $"command timed out after {timeout.TotalSeconds:0}s"),
                    { ExitCode: 0 } => ProbeResult.Ok,
                    _ => new(false, $"command exited with {result.ExitCode}: {Trim(result.Output)}"),
                };
            }

            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timer.CancelAfter(timeout);
            if (probe.HttpGet is { } get)
            {
                return await GetAsync(get, ports, timer.Token);
            }

            if (probe.TcpSocket is { } tcp)
            {
                var port = ports.Resolve(tcp.Port);
                using var client = new TcpClient();
                await client.ConnectAsync(tcp.Host ?? ContainerPorts.Host, port, timer.Token);
                return ProbeResult.Ok;
            }

            return new(false, "the probe has no handler");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(false, $"timed out after {timeout.TotalSeconds:0}s");
        }
        catch (Exception exception) when (exception is SocketException or HttpRequestException or IOException or ArgumentException)
        {
            return new(false, exception.Message);
        }
    }

    private async Task<ProbeResult> GetAsync(HttpGetAction get, ContainerPorts ports, CancellationToken cancellationToken)
    {
        var scheme = string.Equals(get.Scheme, "HTTPS", StringComparison.OrdinalIgnoreCase) ? "https" : "http";
        var path = string.IsNullOrEmpty(get.Path) ? "/" : get.Path.StartsWith('/') ? get.Path : "/" + get.Path;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{scheme}://{get.Host ?? ContainerPorts.Host}:{ports.Resolve(get.Port)}{path}");
        request.Headers.UserAgent.ParseAdd("okube-probe/1");
        foreach (var header in get.HttpHeaders)
        {
            request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var code = (int)response.StatusCode;
        return code is >= 200 and < 400 ? ProbeResult.Ok : new(false, $"HTTP probe failed with statuscode: {code}");
    }

    private static string Trim(string output) => output.Length <= 200 ? output.Trim() : output[..200].Trim() + "…";
}

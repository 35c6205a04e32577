using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OrleansKube.Api;

namespace OrleansKube.Client.Cluster;

/// <summary>The <c>HOST:PORT</c> of a silo's client gateway, as given with <c>--gateway</c> or <c>OKUBE_GATEWAY</c>.</summary>
internal sealed record GatewayAddress(string Host, int Port) : ClusterAddress
{
    public const string EnvironmentVariable = "OKUBE_GATEWAY";

    public static GatewayAddress Default { get; } = new("127.0.0.1", ClusterIdentity.DefaultGatewayPort);

    public override string Description => $"at {this}";

    public override string ToString() =>
        Host.Contains(':') ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}" : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Parses <c>HOST:PORT</c>, <c>[IPv6]:PORT</c> or a bare host (default port); null and an error when malformed.</summary>
    public static GatewayAddress? Parse(string text, out string error)
    {
        error = $"invalid gateway \"{text}\": expected HOST:PORT, such as 127.0.0.1:{ClusterIdentity.DefaultGatewayPort}";
        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                return null;
            }

            host = text[1..close];
            port = close + 1 < text.Length ? text[(close + 2)..] : null;
        }
        else if (text.Count(c => c == ':') == 1)
        {
            host = text[..text.IndexOf(':', StringComparison.Ordinal)];
            port = text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..];
        }
        else
        {
            // No colon is a bare host name; several are a bare IPv6 address.
            host = text;
        }

        if (host.Length == 0 || host.Any(char.IsWhiteSpace))
        {
            return null;
        }

        if (port is null)
        {
            return new(host, ClusterIdentity.DefaultGatewayPort);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535
            ? new(host, number)
            : null;
    }

    /// <summary>The endpoint to connect to; a host name is resolved, preferring IPv4 as the silo's gateway listens there by default.</summary>
    public async Task<IPEndPoint> ResolveAsync(CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(Host, out var address))
        {
            return new IPEndPoint(address, Port);
        }

        var addresses = await Dns.GetHostAddressesAsync(Host, cancellationToken);
        var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new SocketException((int)SocketError.HostNotFound);
        return new IPEndPoint(chosen, Port);
    }
}

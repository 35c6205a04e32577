using System.Net;
using System.Net.Sockets;

namespace OrleansKube.Harness;

/// <summary>
/// Free loopback TCP ports for test and benchmark servers, never the same one twice in this process: a port the OS has
/// just handed out and taken back can come back from the next request, before anything has bound the first (a silo
/// once got its dashboard port equal to its silo port that way). Shared by the tests and the benchmarks.
/// </summary>
internal static class LoopbackPorts
{
    private static readonly HashSet<int> Issued = [];

    /// <summary>A loopback port nobody listens on right now and that this process has not been given before.</summary>
    public static int Next()
    {
        lock (Issued)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                if (Issued.Add(((IPEndPoint)listener.LocalEndpoint).Port))
                {
                    return ((IPEndPoint)listener.LocalEndpoint).Port;
                }
            }
        }
    }
}

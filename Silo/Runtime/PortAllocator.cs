using System.Net;
using System.Net.Sockets;

namespace OrleansKube.Silo.Runtime;

/// <summary>
/// Hands out free TCP ports on 127.0.0.1 for containers' <c>PORT</c> variables. A port is found free by letting the
/// system bind port 0; one handed out is not handed out again until released, even if nothing listens on it yet.
/// Thread-safe.
/// </summary>
public sealed class PortAllocator
{
    private const int MaxAttempts = 100;

    private readonly Lock _lock = new();
    private readonly HashSet<int> _allocated = [];
    private readonly Func<int> _probe;

    /// <summary>Finds ports by binding port 0 on 127.0.0.1.</summary>
    public PortAllocator()
        : this(ProbeFreePort)
    {
    }

    /// <summary>Finds candidate ports with <paramref name="probe"/> (tests supply a sequence).</summary>
    internal PortAllocator(Func<int> probe) => _probe = probe;

    /// <summary>The ports handed out and not released.</summary>
    public IReadOnlyCollection<int> Allocated
    {
        get
        {
            lock (_lock)
            {
                return [.. _allocated];
            }
        }
    }

    /// <summary>A port that is free now and not held by an earlier caller.</summary>
    /// <exception cref="InvalidOperationException">The system kept offering ports that are already handed out.</exception>
    public int Allocate()
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // Probed outside the lock: binding a socket is slow next to the set operations.
            var port = _probe();
            lock (_lock)
            {
                if (_allocated.Add(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free TCP port on 127.0.0.1 after {MaxAttempts} attempts");
    }

    /// <summary>Returns a port for reuse; releasing one not handed out does nothing.</summary>
    public void Release(int port)
    {
        lock (_lock)
        {
            _allocated.Remove(port);
        }
    }

    private static int ProbeFreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}

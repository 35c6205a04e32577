using System.Net;
using System.Net.Sockets;

namespace OrleansKube.Silo.Runtime;

/// <summary>Free TCP ports on the loopback address; a port handed out is not handed out again until released.</summary>
public sealed class PortAllocator
{
    private readonly HashSet<int> _taken = [];

    public int Allocate()
    {
        lock (_taken)
        {
            while (true)
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
                if (_taken.Add(port))
                {
                    return port;
                }
            }
        }
    }

    public void Release(int port)
    {
        lock (_taken)
        {
            _taken.Remove(port);
        }
    }
}

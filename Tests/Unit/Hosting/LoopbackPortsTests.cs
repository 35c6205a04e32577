using System.Net;
using System.Net.Sockets;
using OrleansKube.Harness;

namespace OrleansKube.Tests.Unit.Hosting;

public sealed class LoopbackPortsTests
{
    [Fact]
    public void Ports_handed_out_are_never_the_same_twice_and_are_free()
    {
        var ports = Enumerable.Range(0, 300).Select(_ => LoopbackPorts.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        using var listener = new TcpListener(IPAddress.Loopback, ports[^1]);
        listener.Start();
    }
}

using System.Net;
using System.Net.Sockets;
using OrleansKube.Silo.Runtime;

namespace OrleansKube.Tests.Runtime;

public sealed class PortAllocatorTests
{
    [Fact]
    public void Ports_handed_out_are_distinct_and_free_to_bind()
    {
        var allocator = new PortAllocator();

        var ports = Enumerable.Range(0, 20).Select(_ => allocator.Allocate()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.Equal(ports.Order(), allocator.Allocated.Order());
        foreach (var port in ports)
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        }
    }

    [Fact]
    public void A_port_is_not_handed_out_again_until_released()
    {
        var offers = new Queue<int>([5000, 5000, 5001, 5000]);
        var allocator = new PortAllocator(offers.Dequeue);

        var first = allocator.Allocate();
        var second = allocator.Allocate();
        allocator.Release(first);
        var third = allocator.Allocate();

        Assert.Equal((5000, 5001, 5000), (first, second, third));
    }

    [Fact]
    public void An_allocator_offered_only_taken_ports_gives_up()
    {
        var allocator = new PortAllocator(() => 5000);
        allocator.Allocate();

        Assert.Throws<InvalidOperationException>(() => allocator.Allocate());
    }

    [Fact]
    public async Task Allocation_is_safe_from_many_threads()
    {
        var offered = 0;
        // Every port is offered twice, the second time usually to another thread.
        var allocator = new PortAllocator(() => 10_000 + (Interlocked.Increment(ref offered) / 2));

        var ports = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Enumerable.Range(0, 200).Select(_ => allocator.Allocate()).ToList())));

        var all = ports.SelectMany(p => p).ToList();
        Assert.Equal(1600, all.Distinct().Count());
        Assert.Equal(1600, allocator.Allocated.Count);
    }
}

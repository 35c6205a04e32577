using OrleansKube.Client.Cluster;

namespace OrleansKube.Tests.Client;

public sealed class GatewayAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:30000", "127.0.0.1", 30000)]
    [InlineData("localhost:31000", "localhost", 31000)]
    [InlineData("silo-1", "silo-1", 30000)]
    [InlineData("[::1]:30001", "::1", 30001)]
    [InlineData("::1", "::1", 30000)]
    public void Parses_host_and_port(string text, string host, int port) =>
        Assert.Equal(new GatewayAddress(host, port), GatewayAddress.Parse(text, out _));

    [Theory]
    [InlineData("")]
    [InlineData(":30000")]
    [InlineData("host:")]
    [InlineData("host:port")]
    [InlineData("host:70000")]
    [InlineData("[::1")]
    public void Refuses_malformed_addresses(string text)
    {
        Assert.Null(GatewayAddress.Parse(text, out var error));
        Assert.Contains("expected HOST:PORT", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolves_localhost_to_an_address()
    {
        var endpoint = await new GatewayAddress("localhost", 30000).ResolveAsync(CancellationToken.None);

        Assert.True(System.Net.IPAddress.IsLoopback(endpoint.Address));
        Assert.Equal(30000, endpoint.Port);
    }
}

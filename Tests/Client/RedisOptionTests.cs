using OrleansKube.Client.Cluster;
using OrleansKube.Client.Commands;

namespace OrleansKube.Tests.Client;

public sealed class RedisOptionTests
{
    [Theory]
    [InlineData(new[] { "--gateway", "127.0.0.1:30000", "--redis", "127.0.0.1:6379", "get", "pods" }, "error: --gateway and --redis cannot be used together: name one gateway, or the Redis that lists them")]
    [InlineData(new[] { "get", "pods", "--redis", "127.0.0.1:6379", "--gateway", "127.0.0.1:30000" }, "error: --gateway and --redis cannot be used together: name one gateway, or the Redis that lists them")]
    [InlineData(new[] { "--redis", "nosuchoption=1", "get", "pods" }, "error: invalid Redis connection \"nosuchoption=1\": Keyword 'nosuchoption' is not supported.")]
    public async Task Refuses_bad_redis_usage_with_exit_code_2(string[] args, string expected)
    {
        var terminal = TestTerminal.Offline();

        Assert.Equal(2, await terminal.RunAsync(args));

        Assert.Equal(expected, terminal.Error.ToString().Split('\n')[0]);
        Assert.Equal(0, terminal.Connections);
    }

    [Fact]
    public async Task Connects_through_redis_when_given()
    {
        ClusterAddress? seen = null;
        var terminal = new TestTerminal((address, _) =>
        {
            seen = address;
            return Task.FromResult<IClusterSession>(new FakeCluster());
        });

        await terminal.RunAsync("--redis", "127.0.0.1:6379", "get", "pods");

        Assert.Equal(new RedisAddress("127.0.0.1:6379"), seen);
    }

    [Theory]
    [InlineData(null, null, null, "at 127.0.0.1:30000")]
    [InlineData("10.0.0.1:6379", null, null, "through Redis at 10.0.0.1:6379")]
    [InlineData(null, null, "10.0.0.2:6379", "through Redis at 10.0.0.2:6379")]
    [InlineData(null, "silo:30001", "10.0.0.2:6379", "at silo:30001")]
    [InlineData("10.0.0.1:6379", null, "10.0.0.2:6379", "through Redis at 10.0.0.1:6379")]
    public void A_flag_beats_the_environment_and_redis_beats_the_default_gateway(
        string? redisFlag, string? gatewayFlag, string? redisEnvironment, string expected)
    {
        var gateway = gatewayFlag is null ? GatewayAddress.Default : GatewayAddress.Parse(gatewayFlag, out _)!;

        var chosen = CommonOptions.ChooseAddress(redisFlag, gateway, gatewayFlag is not null, redisEnvironment);

        Assert.Equal(expected, chosen.Description);
    }

    [Fact]
    public void Refuses_a_bad_redis_environment()
    {
        var refused = Assert.Throws<CommandException>(() => CommonOptions.ChooseAddress(null, GatewayAddress.Default, false, "nosuchoption=1"));

        Assert.Equal("OKUBE_REDIS: invalid Redis connection \"nosuchoption=1\": Keyword 'nosuchoption' is not supported.", refused.Message);
    }

    [Fact]
    public void Never_shows_the_password()
    {
        var address = new RedisAddress("127.0.0.1:6379,password=secret");

        Assert.Equal("through Redis at 127.0.0.1:6379,password=*****", address.Description);
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansKube.Silo.Hosting;

namespace OrleansKube.Tests.Unit.Hosting;

public sealed class SiloSettingsTests
{
    [Fact]
    public void The_default_profile_is_embedded()
    {
        Assert.True(SiloSettings.TryRead([], out var settings, out var error), error);

        Assert.Equal(new ClusterProfile(), settings.Profile);
        Assert.True(settings.Profile.IsEmbedded);
    }

    [Theory]
    [InlineData(new[] { "--clustering", "localhost" }, ClusteringChoice.Localhost, StorageChoice.Memory, RemindersChoice.Memory)]
    [InlineData(new[] { "--clustering", "redis", "--redis", "127.0.0.1:6379" }, ClusteringChoice.Redis, StorageChoice.Memory, RemindersChoice.Memory)]
    [InlineData(new[] { "--reminders", "redis", "--redis", "127.0.0.1:6379,password=secret" }, ClusteringChoice.Localhost, StorageChoice.Memory, RemindersChoice.Redis)]
    [InlineData(new[] { "--clustering=Redis", "--reminders=REDIS", "--redis=localhost:6380" }, ClusteringChoice.Redis, StorageChoice.Memory, RemindersChoice.Redis)]
    [InlineData(new[] { "--storage", "azuretable", "--azure-storage", "UseDevelopmentStorage=true" }, ClusteringChoice.Localhost, StorageChoice.AzureTable, RemindersChoice.Memory)]
    [InlineData(new[] { "--storage", "memory", "--redis", "127.0.0.1:6379" }, ClusteringChoice.Localhost, StorageChoice.Memory, RemindersChoice.Memory)]
    public void Reads_the_profile_flags(string[] args, ClusteringChoice clustering, StorageChoice storage, RemindersChoice reminders)
    {
        Assert.True(SiloSettings.TryRead(args, out var settings, out var error), error);

        Assert.Equal(clustering, settings.Profile.Clustering);
        Assert.Equal(storage, settings.Profile.Storage);
        Assert.Equal(reminders, settings.Profile.Reminders);
    }

    [Fact]
    public void Keeps_the_connections()
    {
        string[] args = ["--clustering", "redis", "--redis", "127.0.0.1:6379", "--storage", "azuretable", "--azure-storage", "UseDevelopmentStorage=true"];

        Assert.True(SiloSettings.TryRead(args, out var settings, out var error), error);

        Assert.Equal("127.0.0.1:6379", settings.Profile.Redis);
        Assert.Equal("UseDevelopmentStorage=true", settings.Profile.AzureStorage);
        Assert.Equal("OrleansKubeState", settings.Profile.AzureTable);
        Assert.False(settings.Profile.IsEmbedded);
    }

    [Fact]
    public void Takes_the_address_a_silo_of_a_several_host_cluster_is_reached_at()
    {
        string[] args = ["--clustering", "redis", "--redis", "10.0.0.2:6379", "--address", "10.0.0.4"];

        Assert.True(SiloSettings.TryRead(args, out var settings, out var error), error);

        Assert.Equal(System.Net.IPAddress.Parse("10.0.0.4"), settings.Address);
    }

    [Fact]
    public void Takes_the_table_of_a_cluster_that_shares_its_storage_account()
    {
        string[] args = ["--storage", "azuretable", "--azure-storage", "UseDevelopmentStorage=true", "--azure-table", "StagingCluster"];

        Assert.True(SiloSettings.TryRead(args, out var settings, out var error), error);

        Assert.Equal("StagingCluster", settings.Profile.AzureTable);
    }

    [Theory]
    [InlineData(new[] { "--clustering", "consul" }, "--clustering: Unsupported value: \"consul\": supported values: \"localhost\", \"redis\"")]
    [InlineData(new[] { "--storage", "redis" }, "--storage: Unsupported value: \"redis\": supported values: \"memory\", \"azuretable\"")]
    [InlineData(new[] { "--reminders", "azuretable" }, "--reminders: Unsupported value: \"azuretable\": supported values: \"memory\", \"redis\"")]
    [InlineData(new[] { "--clustering", "redis" }, "--redis: Required value: needed by --clustering redis: the Redis connection, such as --redis 127.0.0.1:6379")]
    [InlineData(new[] { "--reminders", "redis" }, "--redis: Required value: needed by --reminders redis: the Redis connection, such as --redis 127.0.0.1:6379")]
    [InlineData(
        new[] { "--clustering", "redis", "--reminders", "redis" },
        "--redis: Required value: needed by --clustering redis and --reminders redis: the Redis connection, such as --redis 127.0.0.1:6379")]
    [InlineData(new[] { "--redis", "nosuchoption=1" }, "--redis: Invalid value: \"nosuchoption=1\": Keyword 'nosuchoption' is not supported.")]
    [InlineData(new[] { "--redis", "password=secret" }, "--redis: Invalid value: \"password=secret\": must name at least one Redis endpoint, such as 127.0.0.1:6379")]
    [InlineData(
        new[] { "--storage", "azuretable" },
        "--azure-storage: Required value: needed by --storage azuretable: the Azure Storage connection string, such as --azure-storage UseDevelopmentStorage=true")]
    [InlineData(
        new[] { "--clustering", "redis", "--redis", "127.0.0.1:6379", "--address", "0.0.0.0" },
        "--address: Invalid value: \"0.0.0.0\": must be the IP address other silos and clients reach this silo at, such as 10.0.0.4")]
    [InlineData(
        new[] { "--clustering", "redis", "--redis", "127.0.0.1:6379", "--address", "node-4" },
        "--address: Invalid value: \"node-4\": must be the IP address other silos and clients reach this silo at, such as 10.0.0.4")]
    [InlineData(new[] { "--address", "10.0.0.4" }, "--address: Forbidden: only with --clustering redis; localhost clustering runs on 127.0.0.1")]
    [InlineData(
        new[] { "--azure-table", "okube-state" },
        "--azure-table: Invalid value: \"okube-state\": 3 to 63 letters and digits, starting with a letter")]
    [InlineData(
        new[] { "--clustering", "redis", "--redis", "127.0.0.1:6379", "--primary", "127.0.0.1:11111" },
        "--primary: Forbidden: only with --clustering localhost; with --clustering redis silos find each other through Redis")]
    [InlineData(new[] { "--api-tls-cert", "api.crt" }, "--api-tls-key: Required value: HTTPS needs the key of --api-tls-cert")]
    [InlineData(new[] { "--api-tls-key", "api.key" }, "--api-tls-cert: Required value: HTTPS needs the certificate of --api-tls-key")]
    [InlineData(new[] { "--api-tls-cert", "/nonexistent/api.crt", "--api-tls-key", "/nonexistent/api.key" }, "--api-tls-key: Invalid value: \"/nonexistent/api.key\": no such file")]
    [InlineData(new[] { "--api-port", "70000" }, "--api-port: Invalid value: \"70000\": must be a port between 1 and 65535, inclusive")]
    [InlineData(new[] { "--cluster", "redis" }, "unknown flag --cluster; known flags: --node-name, --silo-port, --gateway-port, --http-port, --api-port, --api-tls-cert, --api-tls-key, --primary, --address, --clustering, --storage, --reminders, --redis, --azure-storage, --azure-table, --cpu, --memory, --max-pods, --data-dir, --runtime, --register-with-taints")]
    public void Refuses_bad_profiles_naming_the_flag(string[] args, string expected)
    {
        Assert.False(SiloSettings.TryRead(args, out _, out var error));

        Assert.Equal(expected, error);
    }

    [Fact]
    public void Azure_table_storage_registers_the_cluster_storage()
    {
        var profile = new ClusterProfile { Storage = StorageChoice.AzureTable, AzureStorage = "UseDevelopmentStorage=true" };
        var silo = new FakeSiloBuilder();

        silo.AddClusterStorage(profile);

        Assert.Contains(silo.Services, service => service.IsKeyedService && Equals(service.ServiceKey, OrleansKube.Hosting.StorageNames.Cluster) && service.ServiceType == typeof(Orleans.Storage.IGrainStorage));
    }

    private sealed class FakeSiloBuilder : ISiloBuilder
    {
        public IServiceCollection Services { get; } = new ServiceCollection();

        public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
    }
}

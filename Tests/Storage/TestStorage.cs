using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using OrleansKube.ApiServer;
using OrleansKube.Model.Deployments;
using OrleansKube.Silo.Storage;

namespace OrleansKube.Tests.Storage;

/// <summary>Builds grain storages on the fixture's Azurite the way a silo does: Orleans' binary serializer, the project's types.</summary>
internal static class TestStorage
{
    public const string Table = "OrleansKubeStorageTests";

    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(ObjectState<>).Assembly).AddAssembly(typeof(Deployment).Assembly))
        .AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>()
        .BuildServiceProvider();

    /// <summary>A storage as one silo of service <paramref name="serviceId"/> has it; several instances play several silos.</summary>
    public static AzureTableGrainStorage Create(AzuriteFixture azurite, Action<AzureTableStorageOptions>? configure = null, string serviceId = "tests")
    {
        var options = new AzureTableStorageOptions
        {
            ConnectionString = azurite.ConnectionString,
            TableName = Table,
            MaxRetryTime = TimeSpan.FromSeconds(5),
            RequestTimeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(options);
        return new AzureTableGrainStorage("okube", serviceId, options, Services.GetRequiredService<IGrainStorageSerializer>(), Services.GetRequiredService<IActivatorProvider>(),
            NullLogger<AzureTableGrainStorage>.Instance);
    }

    public static GrainId Grain(string type, string key) => GrainId.Create(type, key);
}

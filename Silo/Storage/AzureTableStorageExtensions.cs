using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace OrleansKube.Silo.Storage;

/// <summary>Registers Azure Table grain storage, in the manner of Orleans' own <c>AddAzureTableGrainStorage</c>.</summary>
public static class AzureTableStorageExtensions
{
    /// <summary>
    /// Adds grain storage <paramref name="name"/> kept in an Azure Table (or Azurite). The options are checked when the
    /// silo starts, and the table is created then if it is missing.
    /// </summary>
    public static ISiloBuilder AddAzureTableGrainStorage(this ISiloBuilder builder, string name, Action<AzureTableStorageOptions> configure)
    {
        builder.Services.AddOptions<AzureTableStorageOptions>(name).Configure(configure);
        builder.Services.AddTransient<IConfigurationValidator>(services => new AzureTableStorageOptionsValidator(name, OptionsOf(services, name)));
        builder.Services.AddGrainStorage(name, static (services, name) => new AzureTableGrainStorage(
            name,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            OptionsOf(services, name),
            services.GetRequiredService<IGrainStorageSerializer>(),
            services.GetRequiredService<IActivatorProvider>(),
            services.GetRequiredService<ILogger<AzureTableGrainStorage>>()));
        return builder;
    }

    private static AzureTableStorageOptions OptionsOf(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<AzureTableStorageOptions>>().Get(name);
}

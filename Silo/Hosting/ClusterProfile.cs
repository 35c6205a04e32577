using OrleansKube.Silo.Storage;
using StackExchange.Redis;

namespace OrleansKube.Silo.Hosting;

/// <summary>How silos find each other (membership).</summary>
public enum ClusteringChoice
{
    /// <summary>Localhost clustering: the first silo holds the membership and later silos join it with <c>--primary</c>.</summary>
    Localhost,

    /// <summary>The membership table lives in Redis (<c>Microsoft.Orleans.Clustering.Redis</c>); silos and clients find each other there.</summary>
    Redis,
}

/// <summary>Where grain state (the cluster's objects) is kept.</summary>
public enum StorageChoice
{
    /// <summary>In memory, kept on the first silo: lost when the whole cluster stops.</summary>
    Memory,

    /// <summary>Azure Table Storage (or Azurite); durable across restarts of the whole cluster.</summary>
    AzureTable,
}

/// <summary>Where reminders (the controllers' durable wake-ups) are kept.</summary>
public enum RemindersChoice
{
    /// <summary>Orleans' in-memory reminder service, kept on the first silo.</summary>
    Memory,

    /// <summary>Redis (<c>Microsoft.Orleans.Reminders.Redis</c>).</summary>
    Redis,
}

/// <summary>
/// The silo's configuration profile: clustering, grain storage and reminders, and the connections they need. The default,
/// localhost clustering with memory storage and reminders, needs nothing installed; Redis and Azure Table Storage make a
/// durable cluster.
/// </summary>
public sealed record ClusterProfile
{
    /// <summary>How silos find each other (<c>--clustering</c>, <c>OrleansKube:Clustering</c>); default localhost.</summary>
    public ClusteringChoice Clustering { get; init; } = ClusteringChoice.Localhost;

    /// <summary>Where grain state is kept (<c>--storage</c>, <c>OrleansKube:Storage</c>); default memory.</summary>
    public StorageChoice Storage { get; init; } = StorageChoice.Memory;

    /// <summary>Where reminders are kept (<c>--reminders</c>, <c>OrleansKube:Reminders</c>); default memory.</summary>
    public RemindersChoice Reminders { get; init; } = RemindersChoice.Memory;

    /// <summary>
    /// The StackExchange.Redis configuration string, such as <c>127.0.0.1:6379</c> (<c>--redis</c>, <c>OrleansKube:Redis</c>);
    /// required by Redis clustering or reminders, otherwise null.
    /// </summary>
    public string? Redis { get; init; }

    /// <summary>The Azure Storage connection string (<c>--azure-storage</c>, <c>OrleansKube:AzureStorage</c>); required by Azure Table storage.</summary>
    public string? AzureStorage { get; init; }

    /// <summary>
    /// The table that holds the cluster's objects with Azure Table storage (<c>--azure-table</c>, <c>OrleansKube:AzureTable</c>);
    /// clusters that share a storage account each need their own.
    /// </summary>
    public string AzureTable { get; init; } = DefaultAzureTable;

    /// <summary>The default <see cref="AzureTable"/>.</summary>
    public const string DefaultAzureTable = "OrleansKubeState";

    /// <summary>True when the profile needs nothing but the .NET SDK.</summary>
    public bool IsEmbedded =>
        Clustering == ClusteringChoice.Localhost && Storage == StorageChoice.Memory && Reminders == RemindersChoice.Memory;

    /// <summary>
    /// Reads the profile from the <c>OrleansKube</c> section; a bad or missing value sets <paramref name="error"/> to a
    /// message naming the flag, and the defaults stand in for it.
    /// </summary>
    public static ClusterProfile Read(IConfiguration section, ref string error)
    {
        var clustering = ReadChoice(section, "Clustering", "--clustering", ClusteringChoice.Localhost, ref error);
        var storage = ReadChoice(section, "Storage", "--storage", StorageChoice.Memory, ref error);
        var reminders = ReadChoice(section, "Reminders", "--reminders", RemindersChoice.Memory, ref error);
        var redis = section["Redis"] is { Length: > 0 } redisText ? redisText : null;
        var azureStorage = section["AzureStorage"] is { Length: > 0 } azureText ? azureText : null;
        var azureTable = section["AzureTable"] is { Length: > 0 } tableText ? tableText : DefaultAzureTable;
        if (!AzureTableStorageOptionsValidator.IsValidTableName(azureTable))
        {
            error = $"--azure-table: Invalid value: \"{azureTable}\": {AzureTableStorageOptionsValidator.TableNameRule}";
        }

        var needRedis = new List<string>();
        if (clustering == ClusteringChoice.Redis)
        {
            needRedis.Add("--clustering redis");
        }

        if (reminders == RemindersChoice.Redis)
        {
            needRedis.Add("--reminders redis");
        }

        if (redis is null && needRedis.Count > 0)
        {
            error = $"--redis: Required value: needed by {string.Join(" and ", needRedis)}: the Redis connection, such as --redis 127.0.0.1:6379";
        }
        else if (redis is not null && RedisError(redis) is { } redisError)
        {
            error = $"--redis: Invalid value: \"{redis}\": {redisError}";
        }

        if (storage == StorageChoice.AzureTable && azureStorage is null)
        {
            error = "--azure-storage: Required value: needed by --storage azuretable: the Azure Storage connection string, such as --azure-storage UseDevelopmentStorage=true";
        }

        return new ClusterProfile { Clustering = clustering, Storage = storage, Reminders = reminders, Redis = redis, AzureStorage = azureStorage, AzureTable = azureTable };
    }

    /// <summary>The flag's spelling of a choice: <c>localhost</c>, <c>azuretable</c>.</summary>
    public static string Spell<T>(T choice)
        where T : struct, Enum => choice.ToString().ToLowerInvariant();

    private static T ReadChoice<T>(IConfiguration section, string key, string flag, T fallback, ref string error)
        where T : struct, Enum
    {
        var text = section[key];
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        foreach (var choice in Enum.GetValues<T>())
        {
            if (string.Equals(Spell(choice), text, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }

        error = $"{flag}: Unsupported value: \"{text}\": supported values: {string.Join(", ", Enum.GetValues<T>().Select(c => $"\"{Spell(c)}\""))}";
        return fallback;
    }

    // StackExchange.Redis refuses unknown options itself; a string without an endpoint would only fail once the silo starts.
    private static string? RedisError(string text)
    {
        try
        {
            return ConfigurationOptions.Parse(text).EndPoints.Count == 0
                ? "must name at least one Redis endpoint, such as 127.0.0.1:6379"
                : null;
        }
        catch (ArgumentException e)
        {
            // Without the " (Parameter 'x')" that ArgumentException appends.
            return e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
        }
    }
}

namespace OrleansKube.Silo.Storage;

/// <summary>
/// Where and how <see cref="AzureTableGrainStorage"/> keeps grain state: one Azure Table entity per grain state.
/// Checked when the silo starts; a bad value stops the start with a message naming the storage and the setting.
/// </summary>
public sealed class AzureTableStorageOptions
{
    /// <summary>The shorthand Azure tools accept for the local storage emulator (Azurite).</summary>
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>Azurite's well-known development account, on its default table port.</summary>
    public const string DevelopmentStorageConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    /// <summary>
    /// The storage account's connection string; required, no default. <c>UseDevelopmentStorage=true</c> means Azurite on
    /// 127.0.0.1:10002 with its development account.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table that holds the states, created when missing; default <c>OrleansKubeGrainState</c>.</summary>
    public string TableName { get; set; } = "OrleansKubeGrainState";

    /// <summary>
    /// How long one storage operation may keep retrying transient failures (5xx, 408, 429, network errors) before the
    /// failure is reported to the grain; default 30 seconds. Zero means a single attempt.
    /// </summary>
    public TimeSpan MaxRetryTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before the first retry, doubled after each failed attempt; default 100 milliseconds.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two attempts; default 5 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a single request may take before it counts as a transient failure; default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The connection string with the development shorthand expanded, which the table client does not read.</summary>
    internal string ResolvedConnectionString =>
        string.Equals(ConnectionString?.Trim().TrimEnd(';'), DevelopmentStorage, StringComparison.OrdinalIgnoreCase)
            ? DevelopmentStorageConnectionString
            : ConnectionString ?? "";
}

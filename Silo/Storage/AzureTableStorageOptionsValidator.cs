using System.Text.RegularExpressions;
using Azure.Data.Tables;

namespace OrleansKube.Silo.Storage;

/// <summary>Refuses to start a silo whose Azure Table storage settings cannot work, naming the storage and the setting.</summary>
internal sealed partial class AzureTableStorageOptionsValidator(string name, AzureTableStorageOptions options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var errors = Validate(name, options);
        if (errors.Count > 0)
        {
            throw new OrleansConfigurationException(string.Join(Environment.NewLine, errors));
        }
    }

    /// <summary>Every problem with <paramref name="options"/>, one message each; empty when they are good.</summary>
    public static IReadOnlyList<string> Validate(string name, AzureTableStorageOptions options)
    {
        var errors = new List<string>();
        var prefix = $"Azure Table grain storage '{name}':";
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add($"{prefix} ConnectionString is required (for Azurite use \"{AzureTableStorageOptions.DevelopmentStorage}\").");
        }
        else
        {
            try
            {
                _ = new TableServiceClient(options.ResolvedConnectionString);
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
            {
                // The connection string holds the account key: the message names the problem, never the value.
                errors.Add($"{prefix} ConnectionString is not a valid storage connection string ({exception.Message}).");
            }
        }

        if (!IsValidTableName(options.TableName))
        {
            errors.Add($"{prefix} TableName '{options.TableName}' is not a valid table name: {TableNameRule}.");
        }

        if (options.MaxRetryTime < TimeSpan.Zero)
        {
            errors.Add($"{prefix} MaxRetryTime must not be negative (was {options.MaxRetryTime}).");
        }

        if (options.InitialRetryDelay <= TimeSpan.Zero)
        {
            errors.Add($"{prefix} InitialRetryDelay must be positive (was {options.InitialRetryDelay}).");
        }

        if (options.MaxRetryDelay < options.InitialRetryDelay)
        {
            errors.Add($"{prefix} MaxRetryDelay ({options.MaxRetryDelay}) must not be shorter than InitialRetryDelay ({options.InitialRetryDelay}).");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{prefix} RequestTimeout must be positive (was {options.RequestTimeout}).");
        }

        return errors;
    }

    /// <summary>What Azure Table Storage accepts as a table name.</summary>
    public const string TableNameRule = "3 to 63 letters and digits, starting with a letter";

    public static bool IsValidTableName(string? tableName) => tableName is not null && TableNamePattern().IsMatch(tableName);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();
}

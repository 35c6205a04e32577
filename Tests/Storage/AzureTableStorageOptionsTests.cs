using Azure.Data.Tables;
using OrleansKube.Silo.Storage;

namespace OrleansKube.Tests.Storage;

/// <summary>Settings checked before a silo starts, and the key scheme; no storage needed.</summary>
public sealed class AzureTableStorageOptionsTests
{
    [Fact]
    public void Good_options_pass()
    {
        Assert.Empty(AzureTableStorageOptionsValidator.Validate("okube", new AzureTableStorageOptions { ConnectionString = "UseDevelopmentStorage=true" }));
    }

    [Fact]
    public void A_missing_connection_string_is_named_with_the_storage_and_a_hint()
    {
        var error = Assert.Single(AzureTableStorageOptionsValidator.Validate("okube", new AzureTableStorageOptions()));

        Assert.Equal("Azure Table grain storage 'okube': ConnectionString is required (for Azurite use \"UseDevelopmentStorage=true\").", error);
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_without_repeating_it()
    {
        var options = new AzureTableStorageOptions { ConnectionString = "AccountName=x;AccountKey=secret-key-value" };

        var error = Assert.Single(AzureTableStorageOptionsValidator.Validate("okube", options));

        Assert.StartsWith("Azure Table grain storage 'okube': ConnectionString is not a valid storage connection string", error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key-value", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_setting_is_reported_at_once()
    {
        var options = new AzureTableStorageOptions
        {
            ConnectionString = "UseDevelopmentStorage=true",
            TableName = "grain-state",
            MaxRetryTime = TimeSpan.FromSeconds(-1),
            InitialRetryDelay = TimeSpan.Zero,
            MaxRetryDelay = TimeSpan.FromSeconds(-2),
            RequestTimeout = TimeSpan.Zero,
        };

        var errors = AzureTableStorageOptionsValidator.Validate("state", options);

        Assert.Equal(
        [
            "Azure Table grain storage 'state': TableName 'grain-state' is not a valid table name: 3 to 63 letters and digits, starting with a letter.",
            "Azure Table grain storage 'state': MaxRetryTime must not be negative (was -00:00:01).",
            "Azure Table grain storage 'state': InitialRetryDelay must be positive (was 00:00:00).",
            "Azure Table grain storage 'state': MaxRetryDelay (-00:00:02) must not be shorter than InitialRetryDelay (00:00:00).",
            "Azure Table grain storage 'state': RequestTimeout must be positive (was 00:00:00).",
        ], errors);
    }

    [Fact]
    public void The_storage_refuses_to_be_built_with_bad_options()
    {
        var refused = Assert.Throws<OrleansConfigurationException>(() => new AzureTableGrainStorage("okube", "svc", new AzureTableStorageOptions(), null!, null!, null!));

        Assert.Contains("ConnectionString is required", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData(" usedevelopmentstorage=TRUE; ")]
    public void The_development_storage_shorthand_means_azurite_on_its_default_port(string connectionString)
    {
        var options = new AzureTableStorageOptions { ConnectionString = connectionString };

        var client = new TableClient(options.ResolvedConnectionString, options.TableName);

        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1/OrleansKubeGrainState", client.Uri.ToString());
        Assert.Equal("devstoreaccount1", client.AccountName);
    }

    [Theory]
    [InlineData("ns/web")]
    [InlineData("a\\b#c?d%e'f~g\u0001h\u007f")]
    public void Keys_hold_no_character_tables_forbid(string key)
    {
        var partition = TableKeys.PartitionKey("svc", GrainId.Create("deployment", key));

        Assert.DoesNotContain(partition, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        Assert.StartsWith("svc~_deployment~_", partition, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_keys_are_shortened_to_a_prefix_and_a_hash_and_stay_distinct()
    {
        var long1 = TableKeys.Key(new string('a', 5000));
        var long2 = TableKeys.Key(new string('a', 4999) + "b");
        var surrogates = TableKeys.Key(string.Concat(Enumerable.Repeat("😀", 1000)));

        Assert.All(new[] { long1, long2, surrogates }, key => Assert.InRange(key.Length, 1, TableKeys.MaxLength));
        Assert.NotEqual(long1, long2);
        Assert.StartsWith(new string('a', 100), long1, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(surrogates[surrogates.IndexOf("~h", StringComparison.Ordinal) - 1]));
        Assert.Equal(new string('a', TableKeys.MaxLength), TableKeys.Key(new string('a', TableKeys.MaxLength)));
    }

    [Fact]
    public void Grains_whose_type_and_key_join_alike_get_different_partitions()
    {
        Assert.NotEqual(
            TableKeys.PartitionKey("svc", GrainId.Create("a", "b/c")),
            TableKeys.PartitionKey("svc", GrainId.Create("a/b", "c")));
    }
}

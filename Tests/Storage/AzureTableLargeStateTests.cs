using System.Collections.Immutable;
using Azure.Data.Tables;
using OrleansKube.ApiServer;
using OrleansKube.Model.Deployments;
using OrleansKube.Silo.Storage;
using OrleansKube.Tests.Grains;

namespace OrleansKube.Tests.Storage;

/// <summary>States beyond one 64 KiB table property: split, compressed when that helps, refused clearly when nothing helps.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableLargeStateTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_3_MB_revision_history_is_compressed_into_one_entity_and_read_back()
    {
        var storage = TestStorage.Create(azurite);
        var grain = TestStorage.Grain("deployment", $"{Objects.UniqueName("ns")}/web");
        var template = Objects.Deployment("ns", "web").Spec.Template;
        var revisions = Enumerable.Range(1, 3000).Select(i => new DeploymentRevision
        {
            Revision = i,
            TemplateHash = $"{i:x10}",
            Template = template,
            ChangeCause = $"kubectl set image deployment/web main=registry.example/team/web:build-{i} --record " + new string('.', 900),
            CreationTimestamp = DateTimeOffset.UnixEpoch.AddMinutes(i),
        }).ToImmutableList();
        var written = new GrainState<DeploymentHistoryState>(new DeploymentHistoryState { Revisions = revisions });

        await storage.WriteStateAsync("history", grain, written);

        var entity = await EntityAsync(grain, "history");
        Assert.Equal("br", entity.GetString("Codec"));
        Assert.True(entity.GetInt32("Size") > 3_000_000, $"serialized size {entity.GetInt32("Size")}");
        var read = new GrainState<DeploymentHistoryState>();
        await storage.ReadStateAsync("history", grain, read);
        Assert.Equal(3000, read.State!.Revisions.Count);
        Assert.Equal(revisions[^1].ChangeCause, read.State.Revisions[^1].ChangeCause);
        Assert.Equal(revisions.Select(r => r.TemplateHash), read.State.Revisions.Select(r => r.TemplateHash));
        Assert.Equal(written.ETag, read.ETag);
    }

    [Fact]
    public async Task An_incompressible_600_KB_state_is_split_over_several_properties_and_read_back()
    {
        var storage = TestStorage.Create(azurite);
        var grain = TestStorage.Grain("blob", Objects.UniqueName("random"));
        var bytes = RandomBytes(600 * 1024);

        await storage.WriteStateAsync("data", grain, new GrainState<byte[]>(bytes));

        var entity = await EntityAsync(grain, "data");
        Assert.Equal("raw", entity.GetString("Codec"));
        Assert.Equal(10, entity.GetInt32("Parts"));
        var read = new GrainState<byte[]>();
        await storage.ReadStateAsync("data", grain, read);
        Assert.Equal(bytes, read.State);
    }

    [Fact]
    public async Task States_just_under_and_just_over_one_property_round_trip()
    {
        var storage = TestStorage.Create(azurite);
        foreach (var size in new[] { 0, StateEntity.MaxPropertyBytes - 8, StateEntity.MaxPropertyBytes + 8 })
        {
            var grain = TestStorage.Grain("blob", Objects.UniqueName($"size-{size}"));
            var bytes = RandomBytes(size);
            await storage.WriteStateAsync("data", grain, new GrainState<byte[]>(bytes));
            var read = new GrainState<byte[]>();
            await storage.ReadStateAsync("data", grain, read);
            Assert.Equal(bytes, read.State);
        }
    }

    [Fact]
    public async Task A_state_too_large_even_compressed_is_refused_naming_the_grain_and_its_size_and_nothing_is_written()
    {
        var storage = TestStorage.Create(azurite);
        var grain = TestStorage.Grain("blob", Objects.UniqueName("huge"));
        var state = new GrainState<byte[]>(RandomBytes(2 * 1024 * 1024));

        var refused = await Assert.ThrowsAsync<OrleansException>(() => storage.WriteStateAsync("data", grain, state));

        Assert.Contains(grain.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Contains("'data'", refused.Message, StringComparison.Ordinal);
        Assert.Matches(@"is 20\d{5} bytes serialized", refused.Message);
        Assert.Contains($"{StateEntity.MaxStoredBytes} bytes", refused.Message, StringComparison.Ordinal);
        Assert.Null(state.ETag);
        Assert.False((await AzureTableGrainStorageTests.ReadAsync(storage, grain, "data")).RecordExists);
    }

    private async Task<TableEntity> EntityAsync(GrainId grain, string stateName)
    {
        var table = new TableClient(azurite.ConnectionString, TestStorage.Table);
        return (await table.GetEntityAsync<TableEntity>(TableKeys.PartitionKey("tests", grain), TableKeys.RowKey(stateName))).Value;
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}

using Orleans.Storage;
using OrleansKube.ApiServer;
using OrleansKube.Model.Deployments;
using OrleansKube.Serialization;
using OrleansKube.Tests.Grains;

namespace OrleansKube.Tests.Storage;

/// <summary>The grain storage contract against a real Azurite: round trips, missing states, ETag races, keys, many grains.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableGrainStorageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_deployment_state_is_written_read_back_and_cleared()
    {
        var storage = TestStorage.Create(azurite);
        var grain = TestStorage.Grain("deployment", $"{Objects.UniqueName("ns")}/web");
        var deployment = Objects.Deployment("ns", "web", replicas: 4);
        var written = new GrainState<ObjectState<Deployment>>(new ObjectState<Deployment> { Object = deployment });

        await storage.WriteStateAsync("object", grain, written);
        Assert.NotNull(written.ETag);
        Assert.True(written.RecordExists);

        var read = new GrainState<ObjectState<Deployment>>();
        await storage.ReadStateAsync("object", grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(KubeJson.SameJson(deployment, read.State!.Object), KubeJson.Serialize(read.State!.Object!));

        await storage.ClearStateAsync("object", grain, read);
        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
        Assert.Null(read.State!.Object);

        var after = new GrainState<ObjectState<Deployment>>();
        await storage.ReadStateAsync("object", grain, after);
        Assert.False(after.RecordExists);
        Assert.Null(after.ETag);

        // Cleared means gone: the grain can start over with a first write.
        await storage.WriteStateAsync("object", grain, after);
        Assert.True(after.RecordExists);
    }

    [Fact]
    public async Task Reading_a_state_never_written_finds_no_record_and_a_fresh_state()
    {
        var storage = TestStorage.Create(azurite);
        var state = new GrainState<NodePodsState>(new NodePodsState { Pods = ["left/over"] }) { ETag = "stale" };

        await storage.ReadStateAsync("pods", TestStorage.Grain("node", Objects.UniqueName("node")), state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Empty(state.State!.Pods);
    }

    [Fact]
    public async Task Of_two_writers_racing_from_the_same_read_the_second_is_refused_and_the_first_kept()
    {
        var (silo1, silo2) = (TestStorage.Create(azurite), TestStorage.Create(azurite));
        var grain = TestStorage.Grain("node", Objects.UniqueName("node"));
        await silo1.WriteStateAsync("pods", grain, Pods("ns/a"));
        var first = await ReadAsync(silo1, grain);
        var second = await ReadAsync(silo2, grain);

        first.State!.Pods.Add("ns/first");
        await silo1.WriteStateAsync("pods", grain, first);
        second.State!.Pods.Add("ns/second");
        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => silo2.WriteStateAsync("pods", grain, second));

        Assert.Equal(first.ETag, refused.StoredEtag);
        Assert.Equal(second.ETag, refused.CurrentEtag);
        Assert.Contains(grain.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Equal(["ns/a", "ns/first"], (await ReadAsync(silo2, grain)).State!.Pods.Order());
    }

    [Fact]
    public async Task A_first_write_where_another_writer_already_stored_a_state_is_refused()
    {
        var (silo1, silo2) = (TestStorage.Create(azurite), TestStorage.Create(azurite));
        var grain = TestStorage.Grain("node", Objects.UniqueName("node"));
        await silo1.WriteStateAsync("pods", grain, Pods("ns/one"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => silo2.WriteStateAsync("pods", grain, Pods("ns/two")));

        Assert.Equal(["ns/one"], (await ReadAsync(silo1, grain)).State!.Pods);
    }

    [Fact]
    public async Task A_clear_with_a_stale_etag_is_refused_and_keeps_the_newer_state()
    {
        var storage = TestStorage.Create(azurite);
        var grain = TestStorage.Grain("node", Objects.UniqueName("node"));
        var stale = Pods("ns/old");
        await storage.WriteStateAsync("pods", grain, stale);
        var current = await ReadAsync(storage, grain);
        current.State!.Pods.Add("ns/new");
        await storage.WriteStateAsync("pods", grain, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("pods", grain, stale));
        Assert.Equal(["ns/new", "ns/old"], (await ReadAsync(storage, grain)).State!.Pods.Order());

        // And once it is cleared, a clear from the old read finds nothing it knew and is refused as well.
        await storage.ClearStateAsync("pods", grain, current);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("pods", grain, stale));
    }

    [Fact]
    public async Task Five_hundred_states_written_at_once_all_read_back()
    {
        var storage = TestStorage.Create(azurite);
        var prefix = Objects.UniqueName("many");
        var grains = Enumerable.Range(0, 500).Select(i => TestStorage.Grain("pod", $"{prefix}/pod-{i}")).ToList();

        await Task.WhenAll(grains.Select((grain, i) => storage.WriteStateAsync("pods", grain, Pods($"value-{i}"))));
        var read = await Task.WhenAll(grains.Select(grain => ReadAsync(storage, grain)));

        Assert.All(read, state => Assert.True(state.RecordExists));
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"value-{i}"), read.Select(state => state.State!.Pods.Single()));
    }

    [Fact]
    public async Task Keys_with_characters_tables_forbid_round_trip_without_colliding()
    {
        var storage = TestStorage.Create(azurite);
        var unique = Objects.UniqueName("keys");
        string[] keys =
        [
            $"{unique}/a/b", $"{unique}\\a\\b", $"{unique}#a?b", $"{unique}%2Fa", $"{unique}'quoted'", $"{unique}~002F",
            $"{unique}\t\n\u0001\u007f\u0085", $"{unique} spaces & plus+ =", $"{unique}/ünïcödé/日本/😀",
            $"{unique}/" + new string('x', 2000), $"{unique}/" + new string('x', 2000) + "y", $"{unique}/" + string.Concat(Enumerable.Repeat("#?", 600)),
        ];

        foreach (var key in keys)
        {
            await storage.WriteStateAsync("pods", TestStorage.Grain("deployment", key), Pods(key));
        }

        foreach (var key in keys)
        {
            var state = await ReadAsync(storage, TestStorage.Grain("deployment", key));
            Assert.Equal([key], state.State!.Pods);
        }

        // State names are keys too.
        var grain = TestStorage.Grain("deployment", unique);
        await storage.WriteStateAsync("a/b#c", grain, Pods("slashed"));
        await storage.WriteStateAsync("a~002Fb#c", grain, Pods("escaped-looking"));
        var slashed = new GrainState<NodePodsState>();
        await storage.ReadStateAsync("a/b#c", grain, slashed);
        Assert.Equal(["slashed"], slashed.State!.Pods);
    }

    [Fact]
    public async Task A_state_written_by_one_silo_is_read_and_updated_by_another()
    {
        var (silo1, silo2) = (TestStorage.Create(azurite), TestStorage.Create(azurite));
        var grain = TestStorage.Grain("node", Objects.UniqueName("node"));
        await silo1.WriteStateAsync("pods", grain, Pods("ns/a", "ns/b"));

        var moved = await ReadAsync(silo2, grain);
        Assert.Equal(["ns/a", "ns/b"], moved.State!.Pods.Order());
        moved.State!.Pods.Remove("ns/a");
        await silo2.WriteStateAsync("pods", grain, moved);

        Assert.Equal(["ns/b"], (await ReadAsync(silo1, grain)).State!.Pods);
    }

    [Fact]
    public async Task Another_service_sharing_the_table_does_not_see_the_state()
    {
        var grain = TestStorage.Grain("node", Objects.UniqueName("node"));
        await TestStorage.Create(azurite, serviceId: "service-a").WriteStateAsync("pods", grain, Pods("ns/a"));

        Assert.False((await ReadAsync(TestStorage.Create(azurite, serviceId: "service-b"), grain)).RecordExists);
    }

    internal static GrainState<NodePodsState> Pods(params string[] pods) => new(new NodePodsState { Pods = [.. pods] });

    internal static async Task<GrainState<NodePodsState>> ReadAsync(IGrainStorage storage, GrainId grain, string stateName = "pods")
    {
        var state = new GrainState<NodePodsState>();
        await storage.ReadStateAsync(stateName, grain, state);
        return state;
    }
}

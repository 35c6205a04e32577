using System.Diagnostics;
using OrleansKube.Api;
using OrleansKube.Tests.Grains;
using static OrleansKube.Tests.Storage.AzureTableGrainStorageTests;

namespace OrleansKube.Tests.Storage;

/// <summary>Azurite stopped and started again on the same port and data: bounded, clear failures, and nothing lost.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableOutageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task While_storage_is_down_a_write_fails_clearly_after_its_retries_and_nothing_is_lost_when_it_returns()
    {
        var storage = TestStorage.Create(azurite, options => options.MaxRetryTime = TimeSpan.FromSeconds(2));
        var grain = TestStorage.Grain("node", Objects.UniqueName("node"));
        var state = Pods("ns/before");
        await storage.WriteStateAsync("pods", grain, state);
        var etagBefore = state.ETag;

        await azurite.StopAsync();
        try
        {
            state.State!.Pods.Add("ns/during");
            var watch = Stopwatch.StartNew();
            var failed = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.WriteStateAsync("pods", grain, state));
            watch.Stop();

            Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));
            Assert.Contains("Azure Table grain storage 'okube'", failed.Message, StringComparison.Ordinal);
            Assert.Contains($"writing state 'pods' of grain {grain}", failed.Message, StringComparison.Ordinal);
            Assert.Matches(@"failed after \d+ attempts", failed.Message);
            Assert.Equal(etagBefore, state.ETag);
            await Assert.ThrowsAsync<StorageUnavailableException>(() => ReadAsync(storage, grain));
        }
        finally
        {
            await azurite.StartAsync();
        }

        var read = await ReadAsync(storage, grain);
        Assert.Equal(["ns/before"], read.State!.Pods);
        Assert.Equal(etagBefore, read.ETag);

        // The grain still holds the ETag of its last successful write: its next write goes through.
        await storage.WriteStateAsync("pods", grain, state);
        Assert.Equal(["ns/before", "ns/during"], (await ReadAsync(storage, grain)).State!.Pods.Order());
    }

    [Fact]
    public async Task A_write_during_a_short_outage_succeeds_once_storage_returns()
    {
        var storage = TestStorage.Create(azurite, options => options.MaxRetryTime = TimeSpan.FromSeconds(30));
        var grain = TestStorage.Grain("node", Objects.UniqueName("node"));
        var state = Pods("ns/a");
        await storage.WriteStateAsync("pods", grain, state);

        await azurite.StopAsync();
        Task writing;
        try
        {
            state.State!.Pods.Add("ns/b");
            writing = storage.WriteStateAsync("pods", grain, state);
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(writing.IsCompleted, "the write cannot have finished while storage is down");
        }
        finally
        {
            await azurite.StartAsync();
        }

        await writing.WaitAsync(TimeSpan.FromSeconds(30));
        var read = await ReadAsync(TestStorage.Create(azurite), grain);
        Assert.Equal(["ns/a", "ns/b"], read.State!.Pods.Order());
        Assert.Equal(state.ETag, read.ETag);
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansKube.ApiServer;
using OrleansKube.Model.Pods;
using OrleansKube.Tests.Deployments;

namespace OrleansKube.Tests.Unit.Api;

public sealed class ScopeNamesTests
{
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(ScopeState).Assembly).AddAssembly(typeof(Pod).Assembly))
        .AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>()
        .BuildServiceProvider();

    private static readonly GrainId Scope = GrainId.Create("namespace", "shop");

    private readonly CountingStorage _storage = new(new SharedGrainStorage(new ConcurrentDictionary<string, (BinaryData, string)>(), Services.GetRequiredService<IGrainStorageSerializer>()));

    [Fact]
    public async Task Names_written_are_read_back_by_the_next_activation()
    {
        var names = await LoadAsync();
        Assert.True(names.Add("Pod", "web-1"));
        Assert.True(names.Add("Pod", "web-2"));
        Assert.True(names.Add("Deployment", "web"));
        Assert.False(names.Add("Pod", "web-1"));
        await names.WriteAsync();
        Assert.True(names.Remove("Pod", "web-2"));
        Assert.False(names.Remove("Pod", "web-9"));
        await names.WriteAsync();

        var reloaded = await LoadAsync();

        Assert.Equal([("Deployment", "web"), ("Pod", "web-1")], reloaded.All.Order());
        Assert.Equal(2, reloaded.Count);
    }

    [Fact]
    public async Task A_new_name_rewrites_one_bucket_not_every_name_of_the_scope()
    {
        var names = await LoadAsync();
        for (var i = 0; i < 2000; i++)
        {
            names.Add("Pod", $"pod-{i}");
        }

        await names.WriteAsync();
        _storage.Writes.Clear();

        names.Add("Pod", "one-more");
        await names.WriteAsync();

        var write = Assert.Single(_storage.Writes);
        Assert.StartsWith("members-", write.StateName);
        Assert.InRange(write.Names, 1, 2001 / ScopeNames.BucketCount * 2);
    }

    [Fact]
    public async Task Changes_made_while_a_write_is_in_flight_share_the_next_write()
    {
        var names = await LoadAsync();
        _storage.Gate = new TaskCompletionSource();
        names.Add("Pod", "first");
        var first = names.WriteAsync();
        var queued = Enumerable.Range(0, 100).Select(i =>
        {
            names.Add("Pod", $"queued-{i}");
            return names.WriteAsync();
        }).ToList();

        _storage.Gate.SetResult();
        await first;
        await Task.WhenAll(queued);

        // One write for the first change, then at most one per bucket for the hundred queued behind it.
        Assert.InRange(_storage.Writes.Count, 2, 1 + ScopeNames.BucketCount);
        Assert.Equal(101, (await LoadAsync()).Count);
    }

    [Fact]
    public async Task A_failed_write_fails_its_callers_and_the_change_is_written_with_the_next()
    {
        var names = await LoadAsync();
        names.Add("Pod", "kept");
        _storage.FailWrites = true;

        await Assert.ThrowsAsync<InvalidOperationException>(names.WriteAsync);
        _storage.FailWrites = false;
        names.Add("Pod", "later");
        await names.WriteAsync();

        Assert.Equal([("Pod", "kept"), ("Pod", "later")], (await LoadAsync()).All.Order());
    }

    [Fact]
    public async Task Names_kept_in_the_single_record_of_before_are_moved_into_buckets()
    {
        var single = new GrainState<ScopeState>(new ScopeState { Members = { ["Pod"] = ["old-1", "old-2"], ["Deployment"] = ["old"] } });
        await _storage.WriteStateAsync("members", Scope, single);

        var names = await LoadAsync();

        Assert.Equal([("Deployment", "old"), ("Pod", "old-1"), ("Pod", "old-2")], names.All.Order());
        var after = new GrainState<ScopeState>(new ScopeState());
        await _storage.ReadStateAsync("members", Scope, after);
        Assert.False(after.RecordExists);
        Assert.Equal(3, (await LoadAsync()).Count);
    }

    [Fact]
    public async Task Clearing_removes_every_record()
    {
        var names = await LoadAsync();
        for (var i = 0; i < 200; i++)
        {
            names.Add("Pod", $"pod-{i}");
        }

        await names.WriteAsync();
        await names.ClearAsync();

        Assert.Equal(0, names.Count);
        Assert.Equal(0, (await LoadAsync()).Count);
    }

    private async Task<ScopeNames> LoadAsync()
    {
        var names = new ScopeNames(_storage, Scope);
        await names.LoadAsync();
        return names;
    }

    /// <summary>Storage that records each write (record and how many names it held), can hold writes back, and can fail them.</summary>
    private sealed class CountingStorage(IGrainStorage inner) : IGrainStorage
    {
        public ConcurrentQueue<(string StateName, int Names)> Writes { get; } = new();

        public TaskCompletionSource? Gate { get; set; }

        public bool FailWrites { get; set; }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (FailWrites)
            {
                throw new InvalidOperationException("storage unavailable");
            }

            if (Gate is { } gate)
            {
                await gate.Task;
            }

            Writes.Enqueue((stateName, grainState.State is ScopeState scope ? scope.Members.Sum(pair => pair.Value.Count) : 0));
            await inner.WriteStateAsync(stateName, grainId, grainState);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
    }
}

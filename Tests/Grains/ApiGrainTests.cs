using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Pods;

namespace OrleansKube.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class ApiGrainTests(ClusterFixture fixture)
{
    private IClusterClient Client => fixture.Client;

    private async Task<string> NewNamespaceAsync()
    {
        var name = Objects.UniqueName("ns");
        await Client.GetGrain<INamespaceGrain>(name).CreateAsync(Objects.Namespace(name));
        return name;
    }

    [Fact]
    public async Task The_grain_validates_and_an_invalid_update_changes_nothing()
    {
        var ns = await NewNamespaceAsync();
        var grain = Client.GetObjectGrain<Deployment>(ns, "web");
        var stored = await grain.CreateAsync(Objects.Deployment(ns, "web", replicas: 2));

        // Sent without a resourceVersion: the controller writes the status meanwhile, and this is about validation.
        var error = await Assert.ThrowsAsync<ApiException>(() => grain.UpdateAsync(stored with
        {
            Metadata = stored.Metadata with { ResourceVersion = null },
            Spec = stored.Spec with { Replicas = -1 },
        }));

        Assert.Equal(ApiErrorReason.Invalid, error.Reason);
        Assert.Equal("Deployment \"web\": spec.replicas: Invalid value: -1: must be greater than or equal to 0", error.Message);
        var after = await grain.GetAsync();
        Assert.Equal(2, after?.Spec.Replicas);
        Assert.Equal(stored.Metadata.Generation, after?.Metadata.Generation);

        var invalidCreate = await Assert.ThrowsAsync<ApiException>(() => Client.GetObjectGrain<Pod>(ns, "empty").CreateAsync(Objects.Pod(ns, "empty") with { Spec = new PodSpec() }));
        Assert.Equal(ApiErrorReason.Invalid, invalidCreate.Reason);
        Assert.Contains("spec.containers: Required value", invalidCreate.Message);
        Assert.Null(await Client.GetObjectGrain<Pod>(ns, "empty").GetAsync());
    }

    [Fact]
    public async Task Reapplying_a_pod_manifest_keeps_its_binding()
    {
        var ns = await NewNamespaceAsync();
        var grain = Client.GetObjectGrain<Pod>(ns, "bound");
        var manifest = Objects.Pod(ns, "bound");
        var created = await grain.CreateAsync(manifest with { Spec = manifest.Spec with { NodeName = "node-a" } });

        var reapplied = await grain.ApplyAsync(manifest);

        Assert.Equal(ApplyOutcome.Unchanged, reapplied.Outcome);
        Assert.Equal("node-a", reapplied.Object.Spec.NodeName);
        Assert.Equal(created.Metadata.Generation, reapplied.Object.Metadata.Generation);
    }

    [Theory]
    [InlineData(Namespace.Default)]
    [InlineData(Namespace.KubeSystem)]
    [InlineData(Namespace.KubePublic)]
    [InlineData(Namespace.KubeNodeLease)]
    public async Task Built_in_namespace_exists_and_cannot_be_deleted(string name)
    {
        var stored = await Client.GetGrain<INamespaceGrain>(name).GetAsync();
        Assert.NotNull(stored);
        Assert.Equal(Namespace.Active, stored.Status?.Phase);

        var error = await Assert.ThrowsAsync<ApiException>(() => Client.GetGrain<INamespaceGrain>(name).DeleteAsync(null));
        Assert.Equal(ApiErrorReason.Forbidden, error.Reason);
        Assert.Equal($"namespaces \"{name}\" is forbidden: this namespace may not be deleted", error.Message);

        var namespaces = await Client.GetGrain<IClusterGrain>(IClusterGrain.Key).ListAsync(Namespace.KindName, null);
        Assert.Contains(namespaces.Items, n => n.Metadata.Name == name);
    }

    [Fact]
    public async Task Created_pod_gets_identity_and_is_listed_and_deleted()
    {
        var ns = await NewNamespaceAsync();
        var grain = Client.GetObjectGrain<Pod>(ns, "p1");

        var created = await grain.CreateAsync(Objects.Pod(ns, "p1"));

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.False(string.IsNullOrEmpty(created.Metadata.ResourceVersion));
        Assert.Equal(1, created.Metadata.Generation);
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(PodPhase.Pending, created.Status?.Phase);
        Assert.Equal(created.Metadata.Uid, (await grain.GetAsync())?.Metadata.Uid);

        var listed = await Client.GetGrain<INamespaceGrain>(ns).ListAsync(Pod.KindName, null);
        Assert.Equal(["p1"], listed.Items.Select(p => p.Metadata.Name));

        var deleted = await grain.DeleteAsync(null);
        Assert.Equal(created.Metadata.Uid, deleted.Metadata.Uid);
        Assert.Null(await grain.GetAsync());
        Assert.Empty((await Client.GetGrain<INamespaceGrain>(ns).ListAsync(Pod.KindName, null)).Items);
    }

    [Fact]
    public async Task Objects_cannot_be_created_in_a_missing_namespace()
    {
        var missing = Objects.UniqueName("missing");

        var error = await Assert.ThrowsAsync<ApiException>(() => Client.GetObjectGrain<Pod>(missing, "p").CreateAsync(Objects.Pod(missing, "p")));

        Assert.Equal(ApiErrorReason.NotFound, error.Reason);
        Assert.Equal($"namespaces \"{missing}\" not found", error.Message);
        Assert.Null(await Client.GetObjectGrain<Pod>(missing, "p").GetAsync());
    }

    [Fact]
    public async Task Creating_twice_is_refused_and_keeps_the_first()
    {
        var ns = await NewNamespaceAsync();
        var grain = Client.GetObjectGrain<Deployment>(ns, "web");
        var first = await grain.CreateAsync(Objects.Deployment(ns, "web", replicas: 2));

        var error = await Assert.ThrowsAsync<ApiException>(() => grain.CreateAsync(Objects.Deployment(ns, "web", replicas: 5)));

        Assert.Equal(ApiErrorReason.AlreadyExists, error.Reason);
        Assert.Equal("deployments.apps \"web\" already exists", error.Message);
        var stored = await grain.GetAsync();
        Assert.Equal(first.Metadata.Uid, stored?.Metadata.Uid);
        Assert.Equal(2, stored?.Spec.Replicas);
    }

    [Fact]
    public async Task Update_with_stale_resource_version_is_a_conflict_and_changes_nothing()
    {
        var ns = await NewNamespaceAsync();
        var grain = Client.GetObjectGrain<Deployment>(ns, "web");
        var v1 = await grain.CreateAsync(Objects.Deployment(ns, "web", replicas: 1));
        var v2 = await grain.UpdateAsync(v1 with { Metadata = v1.Metadata with { ResourceVersion = null }, Spec = v1.Spec with { Replicas = 2 } });

        var error = await Assert.ThrowsAsync<ApiException>(() => grain.UpdateAsync(v1 with { Spec = v1.Spec with { Replicas = 7 } }));

        Assert.Equal(ApiErrorReason.Conflict, error.Reason);
        Assert.Equal(
            "Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified; please apply your changes to the latest version and try again",
            error.Message);
        var stored = await grain.GetAsync();
        Assert.Equal(2, stored?.Spec.Replicas);
        Assert.Equal(v2.Metadata.Generation, stored?.Metadata.Generation);
    }

    [Fact]
    public async Task Generation_moves_with_the_spec_but_not_with_labels()
    {
        var ns = await NewNamespaceAsync();
        var grain = Client.GetObjectGrain<Deployment>(ns, "web");
        var created = await grain.CreateAsync(Objects.Deployment(ns, "web"));

        // Updates without a resourceVersion: the controller writes the status between them.
        var relabelled = await grain.UpdateAsync(created with { Metadata = created.Metadata with { ResourceVersion = null, Labels = Objects.Labels(("tier", "front")) } });
        Assert.Equal(1, relabelled.Metadata.Generation);
        Assert.NotEqual(created.Metadata.ResourceVersion, relabelled.Metadata.ResourceVersion);

        var scaled = await grain.UpdateAsync(relabelled with { Metadata = relabelled.Metadata with { ResourceVersion = null }, Spec = relabelled.Spec with { Replicas = 9 } });
        Assert.Equal(2, scaled.Metadata.Generation);

        var again = await grain.UpdateAsync(scaled with { Metadata = scaled.Metadata with { ResourceVersion = null } });
        Assert.Equal(2, again.Metadata.Generation);
    }

    [Fact]
    public async Task Apply_creates_then_configures_then_is_unchanged()
    {
        var ns = await NewNamespaceAsync();
        var grain = Client.GetObjectGrain<Deployment>(ns, "web");

        var created = await grain.ApplyAsync(Objects.Deployment(ns, "web", replicas: 3));
        var configured = await grain.ApplyAsync(Objects.Deployment(ns, "web", replicas: 4));
        var unchanged = await grain.ApplyAsync(Objects.Deployment(ns, "web", replicas: 4));

        Assert.Equal(ApplyOutcome.Created, created.Outcome);
        Assert.Equal(ApplyOutcome.Configured, configured.Outcome);
        Assert.Equal(ApplyOutcome.Unchanged, unchanged.Outcome);
        Assert.Equal(created.Object.Metadata.Uid, unchanged.Object.Metadata.Uid);
        Assert.Equal(4, unchanged.Object.Spec.Replicas);
        Assert.Equal(2, configured.Object.Metadata.Generation);
        Assert.Equal(2, unchanged.Object.Metadata.Generation);
    }

    [Fact]
    public async Task Concurrent_read_modify_write_updates_lose_nothing()
    {
        var ns = await NewNamespaceAsync();
        var grain = Client.GetObjectGrain<Pod>(ns, "shared");
        await grain.CreateAsync(Objects.Pod(ns, "shared"));
        const int Writers = 16;
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async writer =>
        {
            while (true)
            {
                var current = (await grain.GetAsync())!;
                var labels = current.Metadata.Labels.SetItem($"writer-{writer}", "done");
                try
                {
                    await grain.UpdateAsync(current with { Metadata = current.Metadata with { Labels = labels } });
                    return;
                }
                catch (ApiException exception) when (exception.Reason == ApiErrorReason.Conflict)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        }));

        var stored = (await grain.GetAsync())!;
        Assert.All(Enumerable.Range(0, Writers), writer => Assert.Equal("done", stored.Metadata.Labels[$"writer-{writer}"]));
        Assert.True(conflicts > 0, "the writers raced, so some of them must have been refused at least once");
    }

    [Fact]
    public async Task Lists_filter_by_label_selector_and_span_namespaces()
    {
        var ns1 = await NewNamespaceAsync();
        var ns2 = await NewNamespaceAsync();
        await Client.GetObjectGrain<Pod>(ns1, "a").CreateAsync(Objects.Pod(ns1, "a", app: "web"));
        await Client.GetObjectGrain<Pod>(ns1, "b").CreateAsync(Objects.Pod(ns1, "b", app: "db"));
        await Client.GetObjectGrain<Pod>(ns2, "c").CreateAsync(Objects.Pod(ns2, "c", app: "web"));
        var web = new LabelSelector { MatchLabels = Objects.Labels(("app", "web")) };

        var inFirst = await Client.GetGrain<INamespaceGrain>(ns1).ListAsync(Pod.KindName, web);
        Assert.Equal(["a"], inFirst.Items.Select(p => p.Metadata.Name));

        var namespaces = await Client.GetGrain<IClusterGrain>(IClusterGrain.Key).ListAsync(Namespace.KindName, null);
        var all = new List<string>();
        foreach (var name in namespaces.Items.Select(n => n.Metadata.Name!).Where(n => n == ns1 || n == ns2))
        {
            all.AddRange((await Client.GetGrain<INamespaceGrain>(name).ListAsync(Pod.KindName, web)).Items.Select(p => $"{p.Metadata.Namespace}/{p.Metadata.Name}"));
        }

        Assert.Equal([$"{ns1}/a", $"{ns2}/c"], all.Order());
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_everything_in_it()
    {
        var ns = await NewNamespaceAsync();
        for (var i = 0; i < 5; i++)
        {
            await Client.GetObjectGrain<Pod>(ns, $"p{i}").CreateAsync(Objects.Pod(ns, $"p{i}"));
        }

        await Client.GetObjectGrain<Deployment>(ns, "web").CreateAsync(Objects.Deployment(ns, "web"));

        var deleted = await Client.GetGrain<INamespaceGrain>(ns).DeleteAsync(null);

        Assert.Equal(Namespace.Terminating, deleted.Status?.Phase);
        Assert.NotNull(deleted.Metadata.DeletionTimestamp);
        Assert.Null(await Client.GetGrain<INamespaceGrain>(ns).GetAsync());
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await Client.GetObjectGrain<Pod>(ns, $"p{i}").GetAsync());
        }

        Assert.Null(await Client.GetObjectGrain<Deployment>(ns, "web").GetAsync());
        Assert.Empty((await Client.GetGrain<INamespaceGrain>(ns).ListAsync(Pod.KindName, null)).Items);
        var namespaces = await Client.GetGrain<IClusterGrain>(IClusterGrain.Key).ListAsync(Namespace.KindName, null);
        Assert.DoesNotContain(namespaces.Items, n => n.Metadata.Name == ns);
        await Assert.ThrowsAsync<ApiException>(() => Client.GetObjectGrain<Pod>(ns, "late").CreateAsync(Objects.Pod(ns, "late")));
    }

    [Fact]
    public async Task A_recreated_object_is_new_and_old_versions_do_not_apply_to_it()
    {
        var ns = await NewNamespaceAsync();
        var grain = Client.GetObjectGrain<Pod>(ns, "p");
        var first = await grain.CreateAsync(Objects.Pod(ns, "p"));
        await DeleteCurrentAsync(grain);

        var second = await grain.CreateAsync(Objects.Pod(ns, "p"));

        Assert.NotEqual(first.Metadata.Uid, second.Metadata.Uid);
        var error = await Assert.ThrowsAsync<ApiException>(() => grain.UpdateAsync(first));
        Assert.Equal(ApiErrorReason.Conflict, error.Reason);
        var deleteError = await Assert.ThrowsAsync<ApiException>(() => grain.DeleteAsync(new DeleteOptions { ResourceVersion = first.Metadata.ResourceVersion }));
        Assert.Equal(ApiErrorReason.Conflict, deleteError.Reason);
        Assert.Equal(second.Metadata.Uid, (await grain.GetAsync())?.Metadata.Uid);
    }

    [Fact]
    public async Task An_object_whose_name_differs_from_its_grain_is_refused()
    {
        var ns = await NewNamespaceAsync();

        var error = await Assert.ThrowsAsync<ApiException>(() => Client.GetObjectGrain<Pod>(ns, "one").CreateAsync(Objects.Pod(ns, "other")));

        Assert.Equal(ApiErrorReason.BadRequest, error.Reason);
        Assert.Null(await Client.GetObjectGrain<Pod>(ns, "one").GetAsync());
    }

    [Fact]
    public async Task A_namespace_reloads_its_list_after_deactivation()
    {
        var ns = await NewNamespaceAsync();
        await Client.GetObjectGrain<Pod>(ns, "a").CreateAsync(Objects.Pod(ns, "a"));
        await Client.GetObjectGrain<Pod>(ns, "b").CreateAsync(Objects.Pod(ns, "b"));
        var scope = Client.GetGrain<INamespaceGrain>(ns);
        var before = await scope.ListAsync(Pod.KindName, null);

        await Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var listed = await scope.ListAsync(Pod.KindName, null);
        Assert.NotEqual(Epoch(before.ResourceVersion), Epoch(listed.ResourceVersion));
        Assert.Equal(["a", "b"], listed.Items.Select(p => p.Metadata.Name));
    }

    private static string Epoch(string resourceVersion) => resourceVersion.Split('.')[0];

    [Fact]
    public async Task A_client_reads_a_namespace_in_pages_that_continue_where_the_last_ended()
    {
        var ns = await NewNamespaceAsync();
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Client.GetObjectGrain<Pod>(ns, $"p{i}").CreateAsync(Objects.Pod(ns, $"p{i}"))));
        var scope = Client.GetGrain<INamespaceGrain>(ns);

        var first = await scope.ListPageAsync(Pod.KindName, null, 2, null);
        var second = await scope.ListPageAsync(Pod.KindName, null, 2, first.Continue);
        var last = await scope.ListPageAsync(Pod.KindName, null, 2, second.Continue);

        Assert.Equal(["p0", "p1", "p2", "p3", "p4"], new[] { first, second, last }.SelectMany(page => page.Items.Select(p => p.Metadata.Name)));
        Assert.Equal(3, first.RemainingItemCount);
        Assert.Null(last.Continue);
        var expired = await Assert.ThrowsAsync<ApiException>(() => scope.ListPageAsync(Pod.KindName, null, 2, first.Continue));
        Assert.Equal(ApiErrorReason.Expired, expired.Reason);
    }

    [Fact]
    public async Task A_watch_sees_creations_updates_and_deletions_after_its_list()
    {
        var ns = await NewNamespaceAsync();
        var scope = Client.GetGrain<INamespaceGrain>(ns);
        await Client.GetObjectGrain<Pod>(ns, "before").CreateAsync(Objects.Pod(ns, "before"));
        var list = await scope.ListAsync(Pod.KindName, null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<WatchEvent>();

        var watching = Task.Run(async () =>
        {
            await foreach (var change in scope.WatchAsync(Pod.KindName, list.ResourceVersion, null, timeout.Token))
            {
                if (change.Object.Metadata.Name != "after")
                {
                    // The scheduler reporting on "before" after the list.
                    continue;
                }

                seen.Add(change);
                if (change.Type == WatchEvent.Deleted)
                {
                    return;
                }
            }
        });

        var pod = Client.GetObjectGrain<Pod>(ns, "after");
        await pod.CreateAsync(Objects.Pod(ns, "after"));
        await UpdateCurrentAsync(pod, current => current with { Metadata = current.Metadata with { Labels = Objects.Labels(("app", "other")) } });
        await DeleteCurrentAsync(pod);
        await watching.WaitAsync(timeout.Token);

        // The scheduler writes the pod's status meanwhile: those changes are seen too, in between.
        Assert.Equal(WatchEvent.Added, seen[0].Type);
        Assert.Equal(WatchEvent.Deleted, seen[^1].Type);
        Assert.Contains(seen, change => change.Type == WatchEvent.Modified && change.Object.Metadata.Labels.GetValueOrDefault("app") == "other");
        Assert.All(seen.Skip(1).SkipLast(1), change => Assert.Equal(WatchEvent.Modified, change.Type));
    }

    /// <summary>Read-modify-write as a client must do it: on a conflict, read again and retry.</summary>
    private static async Task UpdateCurrentAsync<T>(IObjectGrain<T> grain, Func<T, T> change)
        where T : IKubeObject<T>
    {
        while (true)
        {
            try
            {
                await grain.UpdateAsync(change((await grain.GetAsync())!));
                return;
            }
            catch (ApiException exception) when (exception.Reason == ApiErrorReason.Conflict)
            {
            }
        }
    }

    private static async Task DeleteCurrentAsync<T>(IObjectGrain<T> grain)
        where T : IKubeObject<T>
    {
        while (true)
        {
            try
            {
                await grain.DeleteAsync(new DeleteOptions { ResourceVersion = (await grain.GetAsync())!.Metadata.ResourceVersion });
                return;
            }
            catch (ApiException exception) when (exception.Reason == ApiErrorReason.Conflict)
            {
            }
        }
    }

    [Fact]
    public async Task A_watch_from_an_unknown_version_expires()
    {
        var scope = Client.GetGrain<INamespaceGrain>(Namespace.Default);

        var error = await Assert.ThrowsAsync<ApiException>(async () =>
        {
            await foreach (var _ in scope.WatchAsync(Pod.KindName, "nonsense.1", null, CancellationToken.None))
            {
            }
        });

        Assert.Equal(ApiErrorReason.Expired, error.Reason);
    }
}

using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Namespaces;

namespace OrleansKube.Silo.KubeApi;

/// <summary>A list or watch request: the kind, the namespace (null for all, or for cluster-scoped kinds) and the selectors.</summary>
internal sealed record CollectionQuery(KindDescriptor Kind, string? Namespace, LabelSelector? Labels, FieldSelector Fields)
{
    public bool AllNamespaces => Kind.Resource.Namespaced && Namespace is null;
}

/// <summary>One page of a list: the objects, the version to watch from, and the token of the next page when there is one.</summary>
internal sealed record CollectionPage(IReadOnlyList<IKubeObject> Items, string ResourceVersion, string? Continue, int? RemainingItemCount);

/// <summary>
/// One change of a watched collection, with the version of the whole collection after it: the version a watch of the
/// same query resumes from (a bookmark carries it), which for every namespace at once names each namespace's place.
/// </summary>
internal sealed record CollectionChange(string Type, IKubeObject Object, Lazy<string> ResourceVersion);

/// <summary>
/// Lists and watches collections through their scopes (a namespace grain, or the cluster grain). A collection of every
/// namespace is read namespace by namespace; its version and continue token carry each namespace's own version, so a
/// watch from that version resumes each namespace where its list left it and misses no change.
/// </summary>
internal sealed class Collections(IGrainFactory grains)
{
    public async Task<CollectionPage> ListAsync(CollectionQuery query, int? limit, string? continueToken)
    {
        if (!query.AllNamespaces)
        {
            var page = await ListScopeAsync(query, query.Namespace, limit, continueToken);
            return page with { Items = Filter(page.Items, query) };
        }

        var position = MultiContinue.Parse(continueToken);
        var versions = position.Versions.ToBuilder();
        var items = new List<IKubeObject>();
        var namespaces = (await NamespacesAsync()).Where(ns => string.CompareOrdinal(ns, position.Namespace) >= 0).ToList();
        for (var i = 0; i < namespaces.Count; i++)
        {
            var ns = namespaces[i];
            var inner = ns == position.Namespace ? position.Inner : null;
            var page = await ListScopeAsync(query, ns, limit - items.Count, inner);
            if (inner is null)
            {
                versions[ns] = page.ResourceVersion;
            }

            items.AddRange(Filter(page.Items, query));
            var full = limit is { } max && items.Count >= max;
            if (page.Continue is not null || (full && i + 1 < namespaces.Count))
            {
                var next = page.Continue is not null ? new MultiContinue(ns, page.Continue, versions.ToImmutable()) : new MultiContinue(namespaces[i + 1], null, versions.ToImmutable());
                return new CollectionPage(items, MultiVersion.Format(versions), next.Format(), null);
            }
        }

        return new CollectionPage(items, MultiVersion.Format(versions), null, null);
    }

    /// <summary>
    /// The changes after <paramref name="resourceVersion"/> (from a list), or, when it is empty or <c>0</c>, every object
    /// now as <c>ADDED</c> followed by later changes, as kube-apiserver does. Ends when the scope's activation ends its
    /// watches (the client watches again and is told to list if its version is gone) or when cancelled.
    /// </summary>
    public async IAsyncEnumerable<CollectionChange> WatchAsync(
        CollectionQuery query, string? resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var changes = Channel.CreateUnbounded<WatchEvent>(new() { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var start = string.IsNullOrEmpty(resourceVersion) || resourceVersion == "0" ? null : resourceVersion;
        var versions = !query.AllNamespaces || start is null ? ImmutableDictionary<string, string>.Empty : MultiVersion.Parse(start);
        var pump = query.AllNamespaces
            ? PumpNamespacesAsync(query, versions, changes.Writer, stop.Token)
            : PumpAsync(query, query.Namespace, start, changes.Writer, stop.Token);
        var all = pump.ContinueWith(
            done => changes.Writer.TryComplete(done.Exception?.InnerException), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            // Every namespace's place is kept as events pass; it is formatted only when asked for (a bookmark).
            var places = versions;
            await foreach (var change in changes.Reader.ReadAllAsync(cancellationToken))
            {
                if (!query.AllNamespaces)
                {
                    yield return new CollectionChange(change.Type, change.Object, new Lazy<string>(change.ResourceVersion));
                    continue;
                }

                places = places.SetItem(change.Object.Metadata.Namespace ?? "", change.ResourceVersion);
                var seen = places;
                yield return new CollectionChange(change.Type, change.Object, new Lazy<string>(() => MultiVersion.Format(seen)));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await all;
        }
    }

    private async Task PumpNamespacesAsync(
        CollectionQuery query, ImmutableDictionary<string, string> versions, ChannelWriter<WatchEvent> changes, CancellationToken cancellationToken)
    {
        var started = new HashSet<string>();
        var pumps = new List<Task>();
        void Start(string ns, string? version)
        {
            if (started.Add(ns))
            {
                pumps.Add(PumpAsync(query, ns, version, changes, cancellationToken, missingIsEmpty: true));
            }
        }

        // Namespaces the list saw resume from their versions; any other (created since, or an empty version) starts with its objects.
        var clusterScope = grains.GetGrain<IClusterGrain>(IClusterGrain.Key);
        var namespaces = await clusterScope.ListAsync(Namespace.KindName, null);
        foreach (var ns in namespaces.Items)
        {
            Start(ns.Metadata.Name!, versions.GetValueOrDefault(ns.Metadata.Name!));
        }

        await foreach (var change in clusterScope.WatchAsync(Namespace.KindName, namespaces.ResourceVersion, null, cancellationToken))
        {
            if (change.Type == WatchEvent.Added)
            {
                Start(change.Object.Metadata.Name!, null);
            }
        }

        await Task.WhenAll(pumps);
    }

    private async Task PumpAsync(
        CollectionQuery query, string? ns, string? resourceVersion, ChannelWriter<WatchEvent> changes, CancellationToken cancellationToken,
        bool missingIsEmpty = false)
    {
        var scope = grains.GetScope(query.Kind.Resource, ns);
        try
        {
            if (resourceVersion is null)
            {
                var list = await scope.ListAsync(query.Kind.Resource.Kind, query.Labels);
                foreach (var obj in Filter(list.Items, query))
                {
                    await changes.WriteAsync(new WatchEvent(WatchEvent.Added, obj, list.ResourceVersion), cancellationToken);
                }

                resourceVersion = list.ResourceVersion;
            }

            await foreach (var change in scope.WatchAsync(query.Kind.Resource.Kind, resourceVersion, query.Labels, cancellationToken))
            {
                if (query.Fields.IsEmpty || query.Fields.Matches(change.Object))
                {
                    await changes.WriteAsync(change, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ApiException e) when (e.Reason == ApiErrorReason.NotFound && missingIsEmpty)
        {
            // The namespace went away while watched: nothing more comes from it.
        }
    }

    private async Task<CollectionPage> ListScopeAsync(CollectionQuery query, string? ns, int? limit, string? continueToken)
    {
        var scope = grains.GetScope(query.Kind.Resource, ns);
        try
        {
            var list = limit is { } max
                ? await scope.ListPageAsync(query.Kind.Resource.Kind, query.Labels, max, continueToken)
                : await scope.ListAsync(query.Kind.Resource.Kind, query.Labels);
            return new CollectionPage(list.Items, list.ResourceVersion, list.Continue, list.RemainingItemCount);
        }
        catch (ApiException e) when (e.Reason == ApiErrorReason.NotFound && ns is not null)
        {
            // As kube-apiserver: a namespace that does not exist holds nothing, and listing it is no error.
            return new CollectionPage([], "", null, null);
        }
    }

    private async Task<IReadOnlyList<string>> NamespacesAsync()
    {
        var list = await grains.GetGrain<IClusterGrain>(IClusterGrain.Key).ListAsync(Namespace.KindName, null);
        return [.. list.Items.Select(ns => ns.Metadata.Name!).Order(StringComparer.Ordinal)];
    }

    private static IReadOnlyList<IKubeObject> Filter(IReadOnlyList<IKubeObject> items, CollectionQuery query) =>
        query.Fields.IsEmpty ? items : [.. items.Where(query.Fields.Matches)];

    /// <summary>The version of a list of every namespace: each namespace's scope version, opaque to clients.</summary>
    private static class MultiVersion
    {
        public static string Format(IReadOnlyDictionary<string, string> versions) =>
            Base64Url(JsonSerializer.SerializeToUtf8Bytes(versions.ToDictionary()));

        public static ImmutableDictionary<string, string> Parse(string version)
        {
            try
            {
                return JsonSerializer.Deserialize<Dictionary<string, string>>(FromBase64Url(version))?.ToImmutableDictionary() ?? throw Expired(version);
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                throw Expired(version);
            }
        }

        private static ApiException Expired(string version) =>
            new(ApiErrorReason.Expired, $"too old resource version: {version}");
    }

    /// <summary>Where a list of every namespace goes on: the namespace, its own continue token, and the versions read so far.</summary>
    private sealed record MultiContinue(string Namespace, string? Inner, ImmutableDictionary<string, string> Versions)
    {
        private static readonly MultiContinue Start = new("", null, ImmutableDictionary<string, string>.Empty);

        public string Format() => Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Token(Namespace, Inner, Versions.ToDictionary())));

        public static MultiContinue Parse(string? token)
        {
            if (string.IsNullOrEmpty(token))
            {
                return Start;
            }

            try
            {
                var read = JsonSerializer.Deserialize<Token>(FromBase64Url(token));
                return read is { Namespace: { } ns }
                    ? new MultiContinue(ns, read.Inner, read.Versions?.ToImmutableDictionary() ?? ImmutableDictionary<string, string>.Empty)
                    : throw Invalid(token);
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                throw Invalid(token);
            }
        }

        private static ApiException Invalid(string token) =>
            new(ApiErrorReason.BadRequest, $"continue: Invalid value: \"{token}\": not a continue token of this API");

        private sealed record Token(string? Namespace, string? Inner, Dictionary<string, string>? Versions);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}

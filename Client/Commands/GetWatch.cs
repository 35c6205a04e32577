using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using OrleansKube.Api;
using OrleansKube.Client.Cluster;
using OrleansKube.Client.Output;
using OrleansKube.Grains;
using OrleansKube.Model;
using OrleansKube.Model.Namespaces;

namespace OrleansKube.Client.Commands;

/// <summary>
/// The <c>-w</c> part of <c>okube get</c>: follows every listed scope at once and prints each changed object as it comes,
/// until Ctrl+C. With <c>-A</c> it also follows namespaces created meanwhile.
/// </summary>
internal sealed class GetWatch(CliContext context, IGrainFactory grains, GetRequest request, ObjectPrinter printer)
{
    // A watch stream that ends without error is re-established after this pause, so a server that keeps closing
    // streams is not hammered with lists.
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly Channel<IKubeObject> _changes = Channel.CreateUnbounded<IKubeObject>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Task> _watches = [];
    private readonly Lock _watchesLock = new();
    private Exception? _failure;

    /// <summary>Follows the scopes of <paramref name="listings"/> from the versions they were listed at; exit code 0 once interrupted.</summary>
    public async Task<int> RunAsync(IReadOnlyList<ScopeListing> listings, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var followNamespaces = request.AllNamespaces && request.Resource.Namespaced && request.Name is null;
        foreach (var listing in listings)
        {
            Start(token => FollowObjectsAsync(listing, stopWhenGone: followNamespaces, token), stop.Token);
        }

        if (followNamespaces)
        {
            Start(token => FollowNamespacesAsync([.. listings.Select(listing => listing.Namespace ?? "")], stop.Token, token), stop.Token);
        }

        try
        {
            await foreach (var obj in _changes.Reader.ReadAllAsync(cancellationToken))
            {
                await context.Out.WriteAsync(printer.PrintEach([obj], context.Clock.GetUtcNow()));
                await context.Out.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C is how a watch ends.
        }
        finally
        {
            await stop.CancelAsync();
            Task[] watches;
            lock (_watchesLock)
            {
                watches = [.. _watches];
            }

            await Task.WhenAll(watches);
        }

        if (_failure is not null && !cancellationToken.IsCancellationRequested)
        {
            ExceptionDispatchInfo.Throw(_failure);
        }

        return ExitCodes.Success;
    }

    private void Start(Func<CancellationToken, Task> watch, CancellationToken stop)
    {
        async Task RunToEnd()
        {
            try
            {
                await watch(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                // The first failure ends the whole watch and is reported by RunAsync.
                Interlocked.CompareExchange(ref _failure, e, null);
                _changes.Writer.TryComplete();
            }
        }

        lock (_watchesLock)
        {
            _watches.Add(RunToEnd());
        }
    }

    private Task FollowObjectsAsync(ScopeListing listing, bool stopWhenGone, CancellationToken cancellationToken) =>
        FollowAsync(listing.Scope, request.Resource.Kind, request.Selector, listing.List, stopWhenGone, async (_, obj) =>
        {
            if (request.Name is null || obj.Metadata.Name == request.Name)
            {
                await _changes.Writer.WriteAsync(obj, cancellationToken);
            }
        }, cancellationToken);

    // Starts following the objects of each namespace that appears after the first listing.
    private async Task FollowNamespacesAsync(HashSet<string> followed, CancellationToken stop, CancellationToken cancellationToken)
    {
        var cluster = grains.GetGrain<IClusterGrain>(IClusterGrain.Key);
        var namespaces = await cluster.ListAsync(Namespace.KindName, null);
        var onChange = async (string type, IKubeObject ns) =>
        {
            var name = ns.Metadata.Name ?? "";
            if (type == WatchEvent.Deleted)
            {
                // Its objects' watch ends by itself; a namespace created again under this name is followed anew.
                followed.Remove(name);
            }
            else if (followed.Add(name) && await ObjectLister.ListNamespaceAsync(grains, request.Resource, name, request.Selector) is { } listing)
            {
                foreach (var obj in ObjectPrinter.InOrder(listing.List.Items))
                {
                    await _changes.Writer.WriteAsync(obj, cancellationToken);
                }

                Start(token => FollowObjectsAsync(listing, stopWhenGone: true, token), stop);
            }
        };

        foreach (var ns in namespaces.Items)
        {
            await onChange(WatchEvent.Added, ns);
        }

        await FollowAsync(cluster, Namespace.KindName, null, namespaces, stopWhenGone: false, onChange, cancellationToken);
    }

    /// <summary>
    /// Watches <paramref name="kind"/> in <paramref name="scope"/> from the version of <paramref name="start"/>, calling
    /// <paramref name="onChange"/> for each change. When the stream ends or has expired, lists again and reports what changed
    /// meanwhile, then watches on. Returns when the scope is gone and <paramref name="stopWhenGone"/>.
    /// </summary>
    private static async Task FollowAsync(
        IObjectScope scope, string kind, LabelSelector? selector, ObjectList start, bool stopWhenGone,
        Func<string, IKubeObject, Task> onChange, CancellationToken cancellationToken)
    {
        var seen = start.Items.ToDictionary(Key);
        var version = start.ResourceVersion;
        while (true)
        {
            try
            {
                await foreach (var change in scope.WatchAsync(kind, version, selector, cancellationToken).WithCancellation(cancellationToken))
                {
                    version = change.ResourceVersion;
                    if (change.Type == WatchEvent.Deleted)
                    {
                        seen.Remove(Key(change.Object));
                    }
                    else
                    {
                        seen[Key(change.Object)] = change.Object;
                    }

                    await onChange(change.Type, change.Object);
                }

                await Task.Delay(ReconnectDelay, cancellationToken);
            }
            catch (ApiException e) when (e.Reason == ApiErrorReason.Expired)
            {
            }
            catch (ApiException e) when (e.Reason == ApiErrorReason.NotFound && stopWhenGone)
            {
                return;
            }

            ObjectList list;
            try
            {
                list = await scope.ListAsync(kind, selector);
            }
            catch (ApiException e) when (e.Reason == ApiErrorReason.NotFound && stopWhenGone)
            {
                return;
            }

            version = list.ResourceVersion;
            var current = list.Items.ToDictionary(Key);
            foreach (var (key, obj) in current)
            {
                if (!seen.TryGetValue(key, out var before))
                {
                    await onChange(WatchEvent.Added, obj);
                }
                else if (before.Metadata.ResourceVersion != obj.Metadata.ResourceVersion)
                {
                    await onChange(WatchEvent.Modified, obj);
                }
            }

            foreach (var (key, gone) in seen)
            {
                if (!current.ContainsKey(key))
                {
                    await onChange(WatchEvent.Deleted, gone);
                }
            }

            seen = current;
        }
    }

    private static string Key(IKubeObject obj) => ObjectKey.For(obj.Metadata.Namespace, obj.Metadata.Name ?? "");
}

using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using OrleansKube.Api;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Serialization;

namespace OrleansKube.Silo.KubeApi;

/// <summary>
/// List and watch of a collection, as objects or as server-side tables: <c>labelSelector</c>, <c>fieldSelector</c>,
/// <c>limit</c>/<c>continue</c>, and watches with <c>resourceVersion</c>, <c>timeoutSeconds</c> and bookmarks.
/// </summary>
internal sealed class CollectionEndpoint(Collections collections, TimeSpan bookmarkInterval)
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>The query of a list, watch or deletecollection request of <paramref name="path"/>.</summary>
    public static CollectionQuery Query(HttpRequest request, ApiPath.Resource path)
    {
        LabelSelector? labels = null;
        if (ApiQuery.Text(request, "labelSelector") is { } labelText)
        {
            try
            {
                labels = LabelSelectorParser.Parse(labelText);
            }
            catch (FormatException e)
            {
                throw new ApiException(ApiErrorReason.BadRequest, e.Message);
            }
        }

        return new CollectionQuery(path.Kind, path.Namespace, labels, FieldSelector.Parse(ApiQuery.Text(request, "fieldSelector"), path.Kind));
    }

    public async Task ListAsync(HttpContext context, CollectionQuery query)
    {
        var request = context.Request;
        var limit = ApiQuery.Integer(request, "limit");
        var page = await collections.ListAsync(query, limit is 0 ? null : limit, ApiQuery.Text(request, "continue"));
        var resource = query.Kind.Resource;
        if (!KubeResponses.WantsTable(request))
        {
            await KubeResponses.WriteListAsync(context.Response, page, resource.ApiVersion, resource.Kind);
            return;
        }

        var table = Tables.Build(query.Kind, page.Items, Tables.ParseInclude(ApiQuery.Text(request, "includeObject")), KubeResponses.ListMeta(page));
        await KubeResponses.WriteJsonAsync(context.Response, table);
    }

    /// <summary>
    /// Streams the collection's changes as newline-delimited watch events until the client goes, the timeout passes or
    /// the scope ends the watch. A version too old to resume from ends the stream with an <c>ERROR</c> event holding a
    /// 410 <c>Expired</c> status, the watch protocol's way of saying "list again".
    /// </summary>
    public async Task WatchAsync(HttpContext context, CollectionQuery query)
    {
        var request = context.Request;
        var tables = KubeResponses.WantsTable(request);
        var include = Tables.ParseInclude(ApiQuery.Text(request, "includeObject"));
        var bookmarks = ApiQuery.Flag(request, "allowWatchBookmarks");
        var timeout = ApiQuery.Integer(request, "timeoutSeconds");
        var from = ApiQuery.Text(request, "resourceVersion");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (timeout is > 0)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(timeout.Value));
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = KubeResponses.Json;
        await response.StartAsync(stop.Token);
        await response.BodyWriter.FlushAsync(stop.Token);

        var output = Channel.CreateBounded<JsonObject>(new BoundedChannelOptions(1024) { SingleReader = true });
        var producer = ProduceAsync(query, from, tables, include, bookmarks, output.Writer, stop.Token);
        try
        {
            await foreach (var watchEvent in output.Reader.ReadAllAsync(stop.Token))
            {
                WriteEvent(response, watchEvent);
                if (output.Reader.Count == 0)
                {
                    await response.BodyWriter.FlushAsync(stop.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client went, or the timeout ended the watch.
        }
        finally
        {
            await stop.CancelAsync();
            await producer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ProduceAsync(
        CollectionQuery query, string? from, bool tables, IncludeObject include, bool bookmarks, ChannelWriter<JsonObject> output, CancellationToken cancellationToken)
    {
        var resource = query.Kind.Resource;
        Lazy<string>? lastVersion = from is null or "0" ? null : new(from);
        var sentSinceBookmark = false;
        var firstTable = true;
        using var bookmarkTimer = bookmarks ? new PeriodicTimer(bookmarkInterval) : null;
        var changes = collections.WatchAsync(query, from, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            var next = changes.MoveNextAsync().AsTask();
            var tick = bookmarkTimer?.WaitForNextTickAsync(cancellationToken).AsTask();
            while (true)
            {
                if (tick is not null && await Task.WhenAny(next, tick) == tick)
                {
                    // A bookmark tells the client how far it has seen, so a watch started again resumes here rather than relisting.
                    if (await tick && lastVersion is not null && sentSinceBookmark)
                    {
                        await output.WriteAsync(Bookmark(resource, lastVersion.Value), cancellationToken);
                        sentSinceBookmark = false;
                    }

                    tick = bookmarkTimer!.WaitForNextTickAsync(cancellationToken).AsTask();
                    continue;
                }

                if (!await next)
                {
                    break;
                }

                var change = changes.Current;
                lastVersion = change.ResourceVersion;
                sentSinceBookmark = true;
                var obj = tables
                    ? Tables.Build(query.Kind, [change.Object], include, withColumns: firstTable)
                    : (JsonObject)KubeJson.ToNode(change.Object);
                firstTable = false;
                await output.WriteAsync(new JsonObject { ["type"] = change.Type, ["object"] = obj }, cancellationToken);
                next = changes.MoveNextAsync().AsTask();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ApiException e) when (!cancellationToken.IsCancellationRequested)
        {
            await output.WriteAsync(new JsonObject { ["type"] = "ERROR", ["object"] = ApiStatus.From(e).ToJson() }, cancellationToken);
        }
        finally
        {
            output.TryComplete();
            try
            {
                await changes.DisposeAsync();
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static JsonObject Bookmark(ResourceInfo resource, string version) => new()
    {
        ["type"] = "BOOKMARK",
        ["object"] = new JsonObject
        {
            ["kind"] = resource.Kind,
            ["apiVersion"] = resource.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = version },
        },
    };

    private static void WriteEvent(HttpResponse response, JsonObject watchEvent)
    {
        using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            watchEvent.WriteTo(writer);
        }

        response.BodyWriter.Write(NewLine);
    }
}

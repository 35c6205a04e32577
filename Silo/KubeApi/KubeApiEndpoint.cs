using System.Net;
using OrleansKube.Api;

namespace OrleansKube.Silo.KubeApi;

/// <summary>
/// The Kubernetes API a silo serves on its API port: discovery, OpenAPI, health, and the verbs on every kind of the
/// registry. Every refusal leaves as a <c>Status</c> with Kubernetes' code and reason; no exception text does.
/// </summary>
internal sealed class KubeApiEndpoint
{
    private readonly ObjectEndpoint _objects;
    private readonly CollectionEndpoint _collections;
    private readonly SubresourceEndpoint _subresources;
    private readonly ILogger<KubeApiEndpoint> _logger;

    public KubeApiEndpoint(IGrainFactory grains, TimeProvider clock, KubeApiOptions options, ILogger<KubeApiEndpoint> logger)
    {
        var collections = new Collections(grains);
        _objects = new ObjectEndpoint(grains, collections, clock);
        _collections = new CollectionEndpoint(collections, options.BookmarkInterval);
        _subresources = new SubresourceEndpoint(grains, clock, options.LogPollInterval);
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        ApiPath.Resource? resource = null;
        try
        {
            if (!KubeResponses.AcceptsJson(context.Request) && !path.StartsWith("/openapi/", StringComparison.Ordinal))
            {
                throw new ApiStatusException(ApiStatus.NotAcceptable(KubeResponses.Json));
            }

            switch (path.TrimEnd('/'))
            {
                case "/version":
                    await ReadOnly(context, () => KubeResponses.WriteJsonAsync(context.Response, Discovery.Version()));
                    return;
                case "/healthz" or "/livez" or "/readyz":
                    await ReadOnly(context, () => Results.Text("ok").ExecuteAsync(context));
                    return;
                case "/openapi/v2":
                    // kubectl asks for v2 only as protobuf and reads v3 when v2 is missing.
                    throw new ApiStatusException(ApiStatus.NoSuchResource());
            }

            if (path.StartsWith("/openapi/v3", StringComparison.Ordinal))
            {
                await ReadOnly(context, () => OpenApi.WriteAsync(context, path));
                return;
            }

            switch (ApiPath.Parse(path))
            {
                case ApiPath.CoreVersions:
                    await ReadOnly(context, () => Discovery.WantsAggregated(context.Request)
                        ? WriteAggregatedAsync(context, core: true)
                        : KubeResponses.WriteJsonAsync(context.Response, Discovery.CoreVersions($"{context.Request.Host}")));
                    return;
                case ApiPath.Groups:
                    await ReadOnly(context, () => Discovery.WantsAggregated(context.Request)
                        ? WriteAggregatedAsync(context, core: false)
                        : KubeResponses.WriteJsonAsync(context.Response, Discovery.GroupList()));
                    return;
                case ApiPath.NamedGroup group:
                    await ReadOnly(context, () => KubeResponses.WriteJsonAsync(context.Response, Discovery.Group(group.Name)));
                    return;
                case ApiPath.GroupVersion version:
                    await ReadOnly(context, () => KubeResponses.WriteJsonAsync(context.Response, Discovery.ResourceList(version.Group, version.Version)));
                    return;
                case ApiPath.Resource named:
                    resource = named;
                    await ServeResourceAsync(context, named);
                    return;
                default:
                    throw new ApiStatusException(ApiStatus.NoSuchResource());
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went.
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            await StatusOf(exception, resource).WriteAsync(context.Response);
        }
        catch (Exception exception)
        {
            // A streamed answer (a log, a watch) already started: it can only end.
            _logger.LogWarning(exception, "Kubernetes API: {Method} {Path} failed after its answer started", context.Request.Method, path);
        }
    }

    private Task ServeResourceAsync(HttpContext context, ApiPath.Resource path)
    {
        var method = context.Request.Method;
        var request = context.Request;
        return (path.Name, path.Subresource) switch
        {
            (null, _) when HttpMethods.IsGet(method) => ApiQuery.Flag(request, "watch")
                ? _collections.WatchAsync(context, CollectionEndpoint.Query(request, path))
                : _collections.ListAsync(context, CollectionEndpoint.Query(request, path)),
            (null, _) when HttpMethods.IsPost(method) => _objects.CreateAsync(context, path),
            (null, _) when HttpMethods.IsDelete(method) => _objects.DeleteCollectionAsync(context, path, CollectionEndpoint.Query(request, path)),
            (null, _) => throw new ApiStatusException(ApiStatus.VerbNotAllowed()),
            (_, null or "status") when HttpMethods.IsGet(method) => _objects.GetAsync(context, path),
            (_, null or "status") when HttpMethods.IsPut(method) => _objects.UpdateAsync(context, path),
            (_, null or "status") when HttpMethods.IsPatch(method) => _objects.PatchAsync(context, path),
            (_, null) when HttpMethods.IsDelete(method) => _objects.DeleteAsync(context, path),
            (_, "scale") when HttpMethods.IsGet(method) => _subresources.GetScaleAsync(context, path),
            (_, "scale") when HttpMethods.IsPut(method) => _subresources.UpdateScaleAsync(context, path, patch: false),
            (_, "scale") when HttpMethods.IsPatch(method) => _subresources.UpdateScaleAsync(context, path, patch: true),
            (_, "log") when HttpMethods.IsGet(method) && path.Kind.Subresources.Any(s => s.Name == "log") => _subresources.LogAsync(context, path),
            (_, var sub) when sub is not null && !path.Kind.Subresources.Any(s => s.Name == sub) =>
                throw new ApiStatusException(ApiStatus.NoSuchResource()),
            _ => throw new ApiStatusException(ApiStatus.VerbNotAllowed()),
        };
    }

    private static Task ReadOnly(HttpContext context, Func<Task> answer) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? answer()
            : throw new ApiStatusException(ApiStatus.VerbNotAllowed());

    private static Task WriteAggregatedAsync(HttpContext context, bool core)
    {
        context.Response.Headers.Vary = "Accept";
        return KubeResponses.WriteJsonAsync(context.Response, Discovery.Aggregated(core), contentType: Discovery.AggregatedContentType);
    }

    private ApiStatus StatusOf(Exception exception, ApiPath.Resource? resource)
    {
        switch (exception)
        {
            case ApiStatusException status:
                return status.Status;
            case ApiException api:
                return ApiStatus.From(api, resource?.Kind.Resource, resource?.Name);
            case StorageUnavailableException storage:
                return ApiStatus.From(ApiException.StorageUnavailable(storage));
            case BadHttpRequestException bad when bad.StatusCode == (int)HttpStatusCode.RequestEntityTooLarge:
                return ApiStatus.TooLarge(RequestBody.MaxBytes);
            case TimeoutException or Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.OrleansMessageRejectionException:
                _logger.LogWarning(exception, "Kubernetes API: the cluster did not answer");
                return ApiStatus.Unavailable("the cluster did not answer in time, try again later");
            default:
                _logger.LogError(exception, "Kubernetes API: unexpected failure");
                return ApiStatus.Internal("an error on the server has prevented the request from succeeding");
        }
    }
}

using System.Text;
using System.Text.Json.Nodes;
using OrleansKube.Api;
using OrleansKube.Kinds;
using OrleansKube.Kinds.Pods;
using OrleansKube.Model;

namespace OrleansKube.Silo.KubeApi;

/// <summary>
/// The subresources that are not the object itself: <c>scale</c> (an <c>autoscaling/v1</c> <c>Scale</c>, which
/// <c>kubectl scale</c> patches) and a pod's <c>log</c> (plain text, streamed while <c>follow</c>).
/// </summary>
internal sealed class SubresourceEndpoint(IGrainFactory grains, TimeProvider clock, TimeSpan logPollInterval)
{
    public async Task GetScaleAsync(HttpContext context, ApiPath.Resource path) =>
        await KubeResponses.WriteJsonAsync(context.Response, Scale(path.Kind, await ScalableAsync(path)));

    /// <summary>Sets the replicas a PUT or PATCH of the <c>Scale</c> asks for; a resourceVersion in it must be the object's.</summary>
    public async Task UpdateScaleAsync(HttpContext context, ApiPath.Resource path, bool patch)
    {
        var request = context.Request;
        var stored = await ScalableAsync(path);
        var body = await RequestBody.ReadAsync(request, context.RequestAborted);
        JsonObject scale;
        if (patch)
        {
            var type = Patches.TypeOf(request.ContentType) ?? throw new ApiStatusException(ApiStatus.UnsupportedMediaType(Patches.Accepted));
            scale = Patches.Apply(type, Scale(path.Kind, stored), RequestBody.Parse(body, request.ContentType, Patches.Accepted));
        }
        else
        {
            scale = RequestBody.ReadObject(body, request.ContentType, KubeResponses.Json);
        }

        if (scale["metadata"]?["resourceVersion"]?.GetValue<string>() is { Length: > 0 } version && version != stored.Metadata.ResourceVersion)
        {
            throw ApiException.StaleVersion(path.Kind.Resource, path.Name!);
        }

        var replicas = scale["spec"]?["replicas"] is JsonValue value && value.TryGetValue<int>(out var wanted) ? wanted : 0;
        if (replicas < 0)
        {
            throw ApiException.Invalid("Scale", path.Name, [new FieldError { Field = "spec.replicas", Type = FieldErrorType.Invalid, Value = replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), Detail = "must be greater than or equal to 0" }]);
        }

        var updated = ApiQuery.DryRun(request) ? stored : await path.Kind.ScaleAsync(grains, path.Namespace, path.Name!, replicas);
        var answer = Scale(path.Kind, updated);
        answer["spec"]!["replicas"] = replicas;
        await KubeResponses.WriteJsonAsync(context.Response, answer);
    }

    /// <summary>
    /// Writes the log as plain text. The pod and container are checked first, so a bad request still gets a
    /// <c>Status</c>; with <c>follow</c> it streams until the container ends or the client goes.
    /// </summary>
    public async Task LogAsync(HttpContext context, ApiPath.Resource path)
    {
        var request = context.Request;
        var logs = new LogsRequest(path.Namespace!, path.Name!, ApiQuery.Text(request, "container"), ApiQuery.Integer(request, "tailLines"),
            ApiQuery.Flag(request, "follow"), ApiQuery.Flag(request, "previous"));
        var response = context.Response;

        // A refusal before the first line is written replaces this with its JSON Status.
        response.ContentType = "text/plain";
        var stream = new PodLogStream(grains, logs, logPollInterval, clock);
        await stream.RunAsync((text, cancellationToken) => response.BodyWriter.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).AsTask(), context.RequestAborted);
    }

    private async Task<IKubeObject> ScalableAsync(ApiPath.Resource path)
    {
        var kind = path.Kind;
        if (!kind.Scalable)
        {
            throw new ApiStatusException(ApiStatus.NoSuchResource());
        }

        return await IObjectStore.For(kind, grains).GetAsync(path.Namespace, path.Name!) ?? throw ApiException.NotFound(kind.Resource, path.Name!);
    }

    private static JsonObject Scale(KindDescriptor kind, IKubeObject obj)
    {
        var view = kind.ReadScale(obj);
        var metadata = obj.Metadata;
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = metadata.Name,
                ["namespace"] = metadata.Namespace,
                ["uid"] = metadata.Uid,
                ["resourceVersion"] = metadata.ResourceVersion,
                ["creationTimestamp"] = metadata.CreationTimestamp?.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            },
            ["spec"] = new JsonObject { ["replicas"] = view.Desired },
            ["status"] = new JsonObject { ["replicas"] = view.Current, ["selector"] = view.Selector },
        };
    }
}

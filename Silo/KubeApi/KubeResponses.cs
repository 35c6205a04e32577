using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansKube.Model;
using OrleansKube.Serialization;

namespace OrleansKube.Silo.KubeApi;

/// <summary>Writing JSON the way kube-apiserver answers: <c>application/json</c>, objects in their Kubernetes shape.</summary>
internal static class KubeResponses
{
    public const string Json = "application/json";

    public static async Task WriteJsonAsync(HttpResponse response, JsonNode node, int status = StatusCodes.Status200OK, string contentType = Json)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        await using var writer = new Utf8JsonWriter(response.BodyWriter.AsStream());
        node.WriteTo(writer);
    }

    public static Task WriteObjectAsync(HttpResponse response, IKubeObject obj, int status = StatusCodes.Status200OK)
    {
        response.StatusCode = status;
        response.ContentType = Json;
        return JsonSerializer.SerializeAsync(response.BodyWriter.AsStream(), obj, obj.GetType(), KubeJson.Options);
    }

    /// <summary>
    /// Writes a list as kube-apiserver sends it (<c>PodList</c> with its version and continue token), each object
    /// serialized straight to the response rather than built as a JSON tree first.
    /// </summary>
    public static async Task WriteListAsync(HttpResponse response, CollectionPage page, string apiVersion, string kind)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = Json;
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("kind", kind + "List");
        writer.WriteString("apiVersion", apiVersion);
        writer.WritePropertyName("metadata");
        ListMeta(page).WriteTo(writer);
        writer.WriteStartArray("items");
        foreach (var item in page.Items)
        {
            JsonSerializer.Serialize(writer, item, item.GetType(), KubeJson.Options);
            if (writer.BytesPending > FlushBytes)
            {
                await writer.FlushAsync();
                await response.BodyWriter.FlushAsync();
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    // How much of a list is buffered before it is sent on.
    private const int FlushBytes = 64 * 1024;

    public static JsonObject ListMeta(CollectionPage page)
    {
        var meta = new JsonObject { ["resourceVersion"] = page.ResourceVersion };
        if (page.Continue is not null)
        {
            meta["continue"] = page.Continue;
        }

        if (page.RemainingItemCount is { } remaining)
        {
            meta["remainingItemCount"] = remaining;
        }

        return meta;
    }

    /// <summary>Whether the client asks for a server-side table (kubectl get does), rather than objects.</summary>
    public static bool WantsTable(HttpRequest request) =>
        request.Headers.Accept.Any(accept => accept is not null && accept.Split(',').Any(type =>
            type.Contains("as=Table", StringComparison.Ordinal) && type.Contains("g=meta.k8s.io", StringComparison.Ordinal)));

    /// <summary>
    /// Whether the response can be JSON: no Accept, or one naming JSON or a wildcard. Protobuf alone is refused with a
    /// 406, which Kubernetes clients take as "ask again in JSON".
    /// </summary>
    public static bool AcceptsJson(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Length == 0 || accept.Split(',').Select(type => type.Split(';')[0].Trim()).Any(type =>
            type is Json or "*/*" or "application/*" || type.EndsWith("+json", StringComparison.Ordinal) || type == "application/yaml");
    }
}

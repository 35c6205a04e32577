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

    /// <summary>A list as kube-apiserver sends it: <c>PodList</c> with its version and continue token.</summary>
    public static JsonObject List(CollectionPage page, string apiVersion, string kind) => new()
    {
        ["kind"] = kind + "List",
        ["apiVersion"] = apiVersion,
        ["metadata"] = ListMeta(page),
        ["items"] = new JsonArray([.. page.Items.Select(item => KubeJson.ToNode(item))]),
    };

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

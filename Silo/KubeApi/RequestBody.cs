using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansKube.Kinds.Manifests;

namespace OrleansKube.Silo.KubeApi;

/// <summary>
/// Reads a request's body as kube-apiserver does: at most <see cref="MaxBytes"/> (its 3 MiB default), JSON or YAML by
/// the content type, and only a JSON object where an object is expected.
/// </summary>
internal static class RequestBody
{
    /// <summary>kube-apiserver's <c>--max-request-bytes</c> default for a resource's body.</summary>
    public const long MaxBytes = 3 * 1024 * 1024;

    public const string Yaml = "application/yaml";

    /// <summary>The body's text; a body over <see cref="MaxBytes"/> is refused with 413 before it is read whole.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            throw new ApiStatusException(ApiStatus.TooLarge(MaxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new ApiStatusException(ApiStatus.TooLarge(MaxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The body as a JSON object. YAML (<c>application/yaml</c>, and server-side apply's <c>apply-patch+yaml</c>) is read
    /// as YAML; anything else this API does not speak (protobuf, say) is refused with 415.
    /// </summary>
    public static JsonObject ReadObject(byte[] body, string? contentType, string accepted)
    {
        var node = Parse(body, contentType, accepted);
        return node as JsonObject ?? throw BadRequest($"couldn't get version/kind; json parse error: expected an object, found {Describe(node)}");
    }

    /// <summary>The body as JSON of any shape (a JSON patch is a list).</summary>
    public static JsonNode Parse(byte[] body, string? contentType, string accepted)
    {
        var mediaType = contentType?.Split(';')[0].Trim() ?? "";
        if (body.Length == 0)
        {
            throw BadRequest("the request body is empty");
        }

        if (mediaType is Yaml or Patches.ApplyPatchType)
        {
            var errors = new List<string>();
            var documents = YamlDocumentReader.Read(Encoding.UTF8.GetString(body), "body", errors);
            if (errors.Count > 0)
            {
                throw BadRequest($"error converting YAML to JSON: {string.Join("; ", errors)}");
            }

            return documents is [{ Root: { } root }] ? root : throw BadRequest("the body must hold exactly one YAML document");
        }

        if (mediaType == Protobuf.ContentType)
        {
            return Protobuf.Decode(body);
        }

        if (mediaType is not ("" or KubeResponses.Json) && Patches.TypeOf(mediaType) is null)
        {
            throw new ApiStatusException(ApiStatus.UnsupportedMediaType(accepted));
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = YamlDocumentReader.MaxDepth });
            return ToNode(document.RootElement) ?? throw BadRequest("couldn't get version/kind; json parse error: the body is null");
        }
        catch (JsonException e)
        {
            throw BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
    }

    /// <summary>
    /// The paths of fields given twice in one JSON object of <paramref name="body"/> (<c>spec.replicas</c>), which
    /// <c>fieldValidation=Strict</c> refuses and <c>Warn</c> reports; the parsed node keeps only one of each.
    /// </summary>
    public static IReadOnlyList<string> DuplicateFields(byte[] body)
    {
        var duplicates = new List<string>();
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = YamlDocumentReader.MaxDepth });
            var open = new Stack<(HashSet<string> Names, string Path, bool IsList)>();
            var lastName = "";
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        // An element of a list shares the list's path; a field's value has the field's.
                        var path = open.TryPeek(out var parent) && parent.IsList ? parent.Path : lastName;
                        open.Push(([], path, reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        open.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var (names, objectPath, _) = open.Peek();
                        var name = reader.GetString()!;
                        lastName = objectPath.Length == 0 ? name : $"{objectPath}.{name}";
                        if (!names.Add(name))
                        {
                            duplicates.Add(lastName);
                        }

                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Parse reports a body that is not JSON.
        }

        return duplicates;
    }

    // A field given twice keeps its last value, as Go's decoder does; JsonNode.Parse would fail on it when first read.
    private static JsonNode? ToNode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = ToNode(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                return new JsonArray([.. element.EnumerateArray().Select(ToNode)]);
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }

    private static string Describe(JsonNode? node) => node switch
    {
        JsonArray => "a list",
        null => "null",
        _ => node.GetValueKind().ToString().ToLowerInvariant(),
    };

    private static ApiStatusException BadRequest(string message) => new(ApiStatus.BadRequest(message));
}

/// <summary>A request refused with a ready <see cref="ApiStatus"/> (413, 415, 405, ...), which the endpoint writes as it is.</summary>
internal sealed class ApiStatusException(ApiStatus status) : Exception(status.Message)
{
    public ApiStatus Status { get; } = status;
}

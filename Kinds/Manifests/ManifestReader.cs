using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansKube.Api;
using OrleansKube.Model;

namespace OrleansKube.Kinds.Manifests;

/// <summary>Reads manifest files into objects of the model, strictly: whatever the model cannot hold is an error.</summary>
public static class ManifestReader
{
    private const string ListKind = "List";

    /// <summary>Parses one file's text (YAML multi-document, or JSON: one object, several concatenated objects, or a v1 List).</summary>
    /// <param name="text">The file's content.</param>
    /// <param name="source">How the file is named in errors, such as its path or <c>-</c> for standard input.</param>
    /// <exception cref="ManifestException">Anything is wrong; it lists every problem in every document.</exception>
    public static IReadOnlyList<IKubeObject> Read(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var errors = new List<string>();

        // Editors on Windows like to start files with a byte order mark; it is not content.
        text = text.TrimStart('\uFEFF');
        var trimmed = text.AsSpan().TrimStart();
        var documents = trimmed.Length > 0 && trimmed[0] is '{' or '['
            ? JsonDocumentReader.Read(text, source, errors)
            : YamlDocumentReader.Read(text, source, errors);

        var objects = new List<IKubeObject>();
        foreach (var document in documents)
        {
            // An empty document (only comments, or `---` twice) holds nothing, as kubectl sees it.
            if (document.Root is not null)
            {
                ReadObject(document.Root, $"{source}: document {document.Number}", objects, errors);
            }
        }

        return errors.Count > 0 ? throw new ManifestException(errors) : objects;
    }

    private static void ReadObject(JsonNode node, string location, List<IKubeObject> objects, List<string> errors)
    {
        if (node is not JsonObject obj)
        {
            errors.Add($"{location}: expected an object with apiVersion and kind, found {(node is JsonArray ? "a list" : ObjectDecoder.Render(node))}");
            return;
        }

        var apiVersion = Text(obj, "apiVersion", location, errors);
        var kind = Text(obj, "kind", location, errors);
        if (apiVersion is null || kind is null)
        {
            return;
        }

        if (kind == ListKind && apiVersion == "v1")
        {
            ReadList(obj, location, objects, errors);
            return;
        }

        var resource = KindRegistry.ForKind(kind)?.Resource;
        if (resource is null || resource.ApiVersion != apiVersion)
        {
            errors.Add($"{location}: no matches for kind \"{kind}\" in version \"{apiVersion}\"");
            return;
        }

        var name = obj["metadata"] is JsonObject metadata && metadata["name"] is JsonValue value &&
            value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        var fieldErrors = new List<FieldError>();
        var result = ObjectDecoder.Decode(obj, resource.ClrType, fieldErrors);
        foreach (var error in fieldErrors)
        {
            errors.Add(string.IsNullOrEmpty(name)
                ? ApiException.FormatInvalid($"{location} ({kind})", null, [error])
                : ApiException.FormatInvalid(kind, name, [error]));
        }

        if (fieldErrors.Count == 0 && result is IKubeObject kubeObject)
        {
            objects.Add(kubeObject);
        }
    }

    // A v1 List, as `kubectl get -o json` writes it: its items are read as if they were documents of their own.
    private static void ReadList(JsonObject list, string location, List<IKubeObject> objects, List<string> errors)
    {
        foreach (var (name, _) in list)
        {
            if (name is not ("apiVersion" or "kind" or "metadata" or "items"))
            {
                errors.Add($"{location} ({ListKind}): {name}: unknown field \"{name}\"");
            }
        }

        switch (list["items"])
        {
            case null:
                break;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    var itemLocation = $"{location}, item {i + 1}";
                    if (items[i] is { } item)
                    {
                        ReadObject(item, itemLocation, objects, errors);
                    }
                    else
                    {
                        errors.Add($"{itemLocation}: expected an object with apiVersion and kind, found null");
                    }
                }

                break;
            default:
                errors.Add($"{location} ({ListKind}): items: Invalid value: {ObjectDecoder.Render(list["items"])}: must be a list");
                break;
        }
    }

    private static string? Text(JsonObject obj, string field, string location, List<string> errors)
    {
        switch (obj[field])
        {
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Length > 0:
                return value.GetValue<string>();
            case null:
            case JsonValue empty when empty.GetValueKind() == JsonValueKind.String:
                errors.Add($"{location}: {field} not set");
                return null;
            default:
                errors.Add($"{location}: {field} must be a string, found {ObjectDecoder.Render(obj[field])}");
                return null;
        }
    }
}

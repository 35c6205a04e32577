using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using OrleansKube.Api;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Serialization;

namespace OrleansKube.Silo.KubeApi;

/// <summary>
/// OpenAPI v3 as kubectl 1.32 reads it: <c>/openapi/v3</c> lists a document per group version, and each document has
/// the paths of its kinds, every operation marked with <c>x-kubernetes-group-version-kind</c>, and the schemas of the
/// model (from its JSON shape, described by its XML docs). The PATCH operations take <c>fieldValidation</c>, which
/// tells <c>kubectl apply</c> to leave validation to the server; they name no request body, so kubectl computes its
/// strategic merge patches from the Kubernetes types it knows.
/// </summary>
internal static class OpenApi
{
    private const string Root = "/openapi/v3";
    private static readonly Lazy<IReadOnlyDictionary<string, (JsonObject Document, string Hash)>> Documents = new(BuildDocuments);

    public static Task WriteAsync(HttpContext context, string path)
    {
        var documents = Documents.Value;
        if (path.TrimEnd('/') == Root)
        {
            var paths = new JsonObject();
            foreach (var (groupVersion, (_, hash)) in documents)
            {
                paths[groupVersion] = new JsonObject { ["serverRelativeURL"] = $"{Root}/{groupVersion}?hash={hash}" };
            }

            return KubeResponses.WriteJsonAsync(context.Response, new JsonObject { ["paths"] = paths });
        }

        return documents.TryGetValue(path[(Root.Length + 1)..].TrimEnd('/'), out var document)
            ? KubeResponses.WriteJsonAsync(context.Response, document.Document.DeepClone())
            : throw new ApiStatusException(ApiStatus.NoSuchResource());
    }

    private static Dictionary<string, (JsonObject, string)> BuildDocuments()
    {
        var documents = new Dictionary<string, (JsonObject, string)>();
        foreach (var group in KindRegistry.All.GroupBy(kind => (kind.Resource.Group, kind.Resource.Version)))
        {
            var (name, version) = group.Key;
            var key = name.Length == 0 ? $"api/{version}" : $"apis/{name}/{version}";
            var document = Document(key, group);
            var hash = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(document.ToJsonString())));
            documents[key] = (document, hash);
        }

        return documents;
    }

    private static JsonObject Document(string groupVersion, IEnumerable<KindDescriptor> kinds)
    {
        var schemas = new SchemaSet();
        var paths = new JsonObject();
        foreach (var kind in kinds)
        {
            var r = kind.Resource;
            var schemaName = schemas.Add(kind.ModelType, Gvk(r));
            var collection = r.Namespaced ? $"/{groupVersion}/namespaces/{{namespace}}/{r.Plural}" : $"/{groupVersion}/{r.Plural}";
            var reference = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" };
            var collectionPath = new JsonObject { ["get"] = Operation($"list{r.Kind}", r, reference) };
            paths[collection] = collectionPath;
            if (kind.HasObjectGrain)
            {
                collectionPath["post"] = Operation($"create{r.Kind}", r, reference);
                var patch = Operation($"patch{r.Kind}", r, reference);
                patch["parameters"] = new JsonArray(
                    Query("fieldValidation", "Unknown or duplicate fields: Strict refuses them, Warn warns, Ignore drops them."),
                    Query("dryRun", "All: check the request without storing anything."),
                    Query("fieldManager", "The name of the actor making the change."),
                    Query("force", "Server-side apply: take fields another manager owns."));
                paths[$"{collection}/{{name}}"] = new JsonObject
                {
                    ["get"] = Operation($"read{r.Kind}", r, reference),
                    ["put"] = Operation($"replace{r.Kind}", r, reference),
                    ["patch"] = patch,
                    ["delete"] = Operation($"delete{r.Kind}", r, reference),
                };
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Orleans.Kube", ["version"] = $"v{Discovery.KubernetesMajor}.{Discovery.KubernetesMinor}" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas.Schemas },
        };
    }

    private static JsonObject Operation(string id, ResourceInfo resource, JsonObject reference) => new()
    {
        ["operationId"] = id,
        ["responses"] = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = "OK",
                ["content"] = new JsonObject { [KubeResponses.Json] = new JsonObject { ["schema"] = reference.DeepClone() } },
            },
        },
        ["x-kubernetes-action"] = id.StartsWith("list", StringComparison.Ordinal) ? "list" : id[..id.IndexOf(resource.Kind, StringComparison.Ordinal)] switch
        {
            "read" => "get",
            "replace" => "put",
            var verb => verb,
        },
        ["x-kubernetes-group-version-kind"] = Gvk(resource),
    };

    private static JsonObject Query(string name, string description) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["description"] = description,
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    private static JsonObject Gvk(ResourceInfo resource) =>
        new() { ["group"] = resource.Group, ["kind"] = resource.Kind, ["version"] = resource.Version };

    /// <summary>The schemas of one document: each record of the model once, by its name, its fields as the JSON shape has them.</summary>
    private sealed class SchemaSet
    {
        public JsonObject Schemas { get; } = [];

        public string Add(Type type, JsonObject? gvk = null)
        {
            var name = $"io.okube.{type.Name}";
            if (Schemas.ContainsKey(name))
            {
                return name;
            }

            var schema = new JsonObject { ["type"] = "object" };
            Schemas[name] = schema;
            if (Documentation.Summary(type) is { } summary)
            {
                schema["description"] = summary;
            }

            var properties = new JsonObject();
            foreach (var property in KubeJson.Options.GetTypeInfo(type).Properties)
            {
                var field = Field(property.PropertyType);
                if (property.AttributeProvider is PropertyInfo info && Documentation.Summary(info) is { } description)
                {
                    field = field["$ref"] is null ? field : new JsonObject { ["allOf"] = new JsonArray(field) };
                    field["description"] = description;
                }

                properties[property.Name] = field;
            }

            schema["properties"] = properties;
            if (gvk is not null)
            {
                schema["x-kubernetes-group-version-kind"] = new JsonArray(gvk.DeepClone());
            }

            return name;
        }

        private JsonObject Field(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type == typeof(string))
            {
                return new JsonObject { ["type"] = "string" };
            }

            if (type == typeof(bool))
            {
                return new JsonObject { ["type"] = "boolean" };
            }

            if (type == typeof(int) || type == typeof(long))
            {
                return new JsonObject { ["type"] = "integer", ["format"] = type == typeof(int) ? "int32" : "int64" };
            }

            if (type == typeof(double) || type == typeof(float))
            {
                return new JsonObject { ["type"] = "number", ["format"] = "double" };
            }

            if (type == typeof(DateTimeOffset))
            {
                return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
            }

            if (type == typeof(IntOrString) || type == typeof(Quantity))
            {
                return new JsonObject { ["x-kubernetes-int-or-string"] = true };
            }

            if (type.IsEnum)
            {
                return new JsonObject { ["type"] = "string" };
            }

            if (DictionaryValue(type) is { } value)
            {
                return new JsonObject { ["type"] = "object", ["additionalProperties"] = Field(value) };
            }

            if (ListItem(type) is { } item)
            {
                return new JsonObject { ["type"] = "array", ["items"] = Field(item) };
            }

            return new JsonObject { ["$ref"] = $"#/components/schemas/{Add(type)}" };
        }

        private static Type? DictionaryValue(Type type) =>
            type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))?.GetGenericArguments()[1];

        private static Type? ListItem(Type type) =>
            typeof(IEnumerable).IsAssignableFrom(type)
                ? type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
                : null;
    }

    /// <summary>The model's XML documentation, which the build writes beside each assembly, as schema descriptions.</summary>
    private static class Documentation
    {
        private static readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, string>> Files = new();

        public static string? Summary(Type type) => Read(type.Assembly).GetValueOrDefault($"T:{type.FullName}");

        public static string? Summary(PropertyInfo property) =>
            Read(property.DeclaringType!.Assembly).GetValueOrDefault($"P:{property.DeclaringType.FullName}.{property.Name}");

        private static IReadOnlyDictionary<string, string> Read(Assembly assembly) => Files.GetOrAdd(assembly, static assembly =>
        {
            var path = Path.ChangeExtension(assembly.Location, ".xml");
            if (!File.Exists(path))
            {
                return new Dictionary<string, string>();
            }

            return XDocument.Load(path).Descendants("member")
                .Where(member => member.Element("summary") is not null)
                .GroupBy(member => (string)member.Attribute("name")!)
                .ToDictionary(g => g.Key, g => string.Join(" ", g.First().Element("summary")!.DescendantNodes().OfType<XText>()
                    .Select(text => text.Value.Trim()).Where(text => text.Length > 0)));
        });
    }
}

using System.Text.Json.Nodes;
using OrleansKube.Api;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Serialization;

namespace OrleansKube.Silo.KubeApi;

/// <summary>
/// Server-side tables (<c>meta.k8s.io/v1</c> <c>Table</c>), which kubectl get prints: the kind's columns, the same ones
/// <c>okube get</c> prints, with the <c>-o wide</c> ones at priority 1, and each row's object as its metadata
/// (<c>includeObject=Metadata</c>, the default), whole (<c>Object</c>) or not at all (<c>None</c>).
/// </summary>
internal static class Tables
{
    public const string ContentType = "application/json;as=Table;v=v1;g=meta.k8s.io";

    public static JsonObject Build(KindDescriptor kind, IEnumerable<IKubeObject> objects, IncludeObject include, JsonObject? listMeta = null, bool withColumns = true)
    {
        var now = DateTimeOffset.UtcNow;
        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = listMeta ?? new JsonObject(),
        };
        if (withColumns)
        {
            table["columnDefinitions"] = Columns(kind);
        }

        table["rows"] = new JsonArray([.. objects.Select(obj => Row(kind, obj, now, include))]);
        return table;
    }

    public static IncludeObject ParseInclude(string? value) => value switch
    {
        null or "" or "Metadata" => IncludeObject.Metadata,
        "Object" => IncludeObject.Object,
        "None" => IncludeObject.None,
        _ => throw new ApiException(ApiErrorReason.BadRequest,
            $"includeObject: Unsupported value: \"{value}\": supported values: \"None\", \"Metadata\", \"Object\""),
    };

    private static JsonArray Columns(KindDescriptor kind)
    {
        var narrow = kind.Columns.Headers(wide: false).ToHashSet();
        return new JsonArray([.. kind.Columns.Headers(wide: true).Select((header, i) => (JsonNode)new JsonObject
        {
            ["name"] = TitleCase(header),
            ["type"] = "string",
            ["format"] = i == 0 && header == "NAME" ? "name" : "",
            ["description"] = "",
            ["priority"] = narrow.Contains(header) ? 0 : 1,
        })]);
    }

    private static JsonObject Row(KindDescriptor kind, IKubeObject obj, DateTimeOffset now, IncludeObject include)
    {
        var row = new JsonObject { ["cells"] = new JsonArray([.. kind.Columns.Cells(obj, now, wide: true).Select(cell => JsonValue.Create(cell))]) };
        switch (include)
        {
            case IncludeObject.Object:
                row["object"] = KubeJson.ToNode(obj);
                break;
            case IncludeObject.Metadata:
                row["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = KubeJson.ToNode(obj.Metadata),
                };
                break;
        }

        return row;
    }

    // Kubernetes names columns "Nominated Node"; kubectl shows them upper-cased, as okube's headers are.
    private static string TitleCase(string header) =>
        string.Join(' ', header.Split(' ').Select(word => word.Length <= 2 ? word : word[0] + word[1..].ToLowerInvariant()));
}

/// <summary>What a table row carries of its object.</summary>
internal enum IncludeObject
{
    None,
    Metadata,
    Object,
}

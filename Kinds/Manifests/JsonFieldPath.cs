using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using OrleansKube.Kinds.Validation;
using OrleansKube.Serialization;

namespace OrleansKube.Kinds.Manifests;

/// <summary>
/// Translates the JSONPath System.Text.Json puts on a <see cref="System.Text.Json.JsonException"/>
/// (<c>$.spec.containers[0].name</c>, <c>$.metadata.labels['app.kubernetes.io/name']</c>) into a Kubernetes field path
/// (<c>spec.containers[0].name</c>, <c>metadata.labels[app.kubernetes.io/name]</c>), using the model to tell map keys from fields.
/// </summary>
public static class JsonFieldPath
{
    /// <summary>
    /// The field path, the JSON found there, the name of the field when the model has no such field,
    /// and otherwise the type the model expects there when known.
    /// </summary>
    public static (FieldPath Path, JsonNode? Node, string? Unknown, Type? Expected) Resolve(string jsonPath, JsonNode? root, Type type)
    {
        var path = FieldPath.Root;
        var node = root;
        JsonTypeInfo? info = KubeJson.Options.GetTypeInfo(type);
        foreach (var segment in Segments(jsonPath))
        {
            if (segment is int index)
            {
                path = path.Index(index);
                node = node is JsonArray array && index < array.Count ? array[index] : null;
                info = info?.ElementType is { } itemType ? KubeJson.Options.GetTypeInfo(itemType) : null;
                continue;
            }

            var name = (string)segment;
            node = node is JsonObject obj ? obj[name] : null;
            if (info?.Kind == JsonTypeInfoKind.Dictionary)
            {
                path = path.Key(name);
                info = KubeJson.Options.GetTypeInfo(info.ElementType!);
                continue;
            }

            path = path.Child(name);
            var property = info?.Kind == JsonTypeInfoKind.Object ? info.Properties.FirstOrDefault(p => p.Name == name) : null;
            if (info?.Kind == JsonTypeInfoKind.Object && property is null)
            {
                return (path, node, name, null);
            }

            info = property is null ? null : KubeJson.Options.GetTypeInfo(property.PropertyType);
        }

        return (path, node, null, info?.Type);
    }

    /// <summary>The names (strings) and indexes (ints) of a System.Text.Json path.</summary>
    public static List<object> Segments(string jsonPath)
    {
        var segments = new List<object>();
        var i = jsonPath.StartsWith('$') ? 1 : 0;
        while (i < jsonPath.Length)
        {
            if (jsonPath[i] == '.')
            {
                var end = i + 1;
                while (end < jsonPath.Length && jsonPath[end] is not ('.' or '['))
                {
                    end++;
                }

                segments.Add(jsonPath[(i + 1)..end]);
                i = end;
            }
            else if (jsonPath.AsSpan(i).StartsWith("['"))
            {
                var end = jsonPath.IndexOf("']", i + 2, StringComparison.Ordinal);
                end = end < 0 ? jsonPath.Length : end;
                segments.Add(jsonPath[(i + 2)..end]);
                i = end + 2;
            }
            else if (jsonPath[i] == '[')
            {
                var end = jsonPath.IndexOf(']', i);
                end = end < 0 ? jsonPath.Length : end;
                segments.Add(int.TryParse(jsonPath.AsSpan(i + 1, end - i - 1), out var index) ? index : jsonPath[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                i++;
            }
        }

        return segments;
    }
}

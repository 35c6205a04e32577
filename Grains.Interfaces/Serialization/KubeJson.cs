using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OrleansKube.Serialization;

/// <summary>
/// The Kubernetes JSON shape of the object model: camelCase names, absent fields and empty collections left out,
/// timestamps as RFC 3339, and strict reading (an unknown or duplicated field is an error, never dropped).
/// </summary>
public static class KubeJson
{
    /// <summary>Compact options for storage, comparison and the wire.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>Indented options for people (<c>-o json</c>).</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    public static JsonNode ToNode(object value) =>
        JsonSerializer.SerializeToNode(value, value.GetType(), Options) ?? throw new InvalidOperationException("null JSON");

    public static string Serialize(object value, bool indented = false) =>
        JsonSerializer.Serialize(value, value.GetType(), indented ? Indented : Options);

    /// <summary>True when the two values serialize identically: how specs are compared.</summary>
    public static bool SameJson(object? left, object? right) =>
        ReferenceEquals(left, right) ||
        (left is not null && right is not null && Serialize(left) == Serialize(right));

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            WriteIndented = indented,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyCollections } },
        };
        options.Converters.Add(new TimestampJsonConverter());
        options.MakeReadOnly();
        return options;
    }

    // Kubernetes leaves empty lists and maps out of its JSON (omitempty), and reads an explicit null as empty.
    private static void OmitEmptyCollections(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType == typeof(string) || !typeof(ICollection).IsAssignableFrom(property.PropertyType))
            {
                continue;
            }

            property.ShouldSerialize = static (_, value) => value is ICollection { Count: > 0 };
            var set = property.Set;
            if (set is not null)
            {
                property.Set = (target, value) =>
                {
                    if (value is not null)
                    {
                        set(target, value);
                    }
                };
            }
        }
    }
}

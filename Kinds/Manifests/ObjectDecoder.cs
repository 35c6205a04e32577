using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using OrleansKube.Api;
using OrleansKube.Kinds.Validation;
using OrleansKube.Model;
using OrleansKube.Serialization;

namespace OrleansKube.Kinds.Manifests;

/// <summary>
/// Turns a manifest's JSON into an object of the model. The JSON is first checked against the model's shape so that
/// every unknown field and every value of the wrong type is reported with its path, not just the first one the
/// serializer trips over. A <c>null</c> field counts as absent, as in Kubernetes.
/// </summary>
public static class ObjectDecoder
{
    // Bad values are shown to people: quotes and accented letters as they are, not as \u escapes.
    private static readonly JsonSerializerOptions RenderOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The object <paramref name="node"/> holds, or null with every problem in <paramref name="errors"/>. Given
    /// <paramref name="unknownFields"/>, fields the model does not have are taken out of the node and listed there
    /// instead of failing (the API's <c>fieldValidation=Warn</c> and <c>Ignore</c>).
    /// </summary>
    public static object? Decode(JsonNode node, Type type, List<FieldError> errors, List<FieldError>? unknownFields = null)
    {
        Check(node, KubeJson.Options.GetTypeInfo(type), FieldPath.Root, errors, unknownFields);
        if (errors.Count > 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(node, type, KubeJson.Options);
        }
        catch (JsonException exception)
        {
            // Not expected after the check; still report it at the field the serializer names.
            errors.Add(FromException(exception, node, type));
            return null;
        }
    }

    /// <summary>A field error for a <see cref="JsonException"/> from reading <paramref name="root"/> as <paramref name="type"/>.</summary>
    public static FieldError FromException(JsonException exception, JsonNode root, Type type)
    {
        var (path, node, unknown, expected) = JsonFieldPath.Resolve(exception.Path ?? "$", root, type);
        if (unknown is not null)
        {
            return Unknown(path, unknown);
        }

        if (expected is not null)
        {
            return WrongType(path, node, ValueDetail(node, expected, exception));
        }

        var detail = exception.Message;
        var position = detail.IndexOf(" Path: ", StringComparison.Ordinal);
        return WrongType(path, node, position < 0 ? detail : detail[..position]);
    }

    private static void Check(JsonNode? node, JsonTypeInfo info, FieldPath path, List<FieldError> errors, List<FieldError>? unknownFields)
    {
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when node is JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    var property = info.Properties.FirstOrDefault(p => p.Name == name);
                    if (property is null || (property.Set is null && property.AssociatedParameter is null))
                    {
                        if (unknownFields is null)
                        {
                            errors.Add(Unknown(path.Child(name), name));
                        }
                        else
                        {
                            unknownFields.Add(Unknown(path.Child(name), name));
                            obj.Remove(name);
                        }
                    }
                    else if (child is null)
                    {
                        obj.Remove(name);
                    }
                    else
                    {
                        Check(child, KubeJson.Options.GetTypeInfo(property.PropertyType), path.Child(name), errors, unknownFields);
                    }
                }

                break;
            case JsonTypeInfoKind.Dictionary when node is JsonObject map:
                var valueInfo = KubeJson.Options.GetTypeInfo(info.ElementType!);
                foreach (var (key, child) in map.ToList())
                {
                    if (child is null)
                    {
                        map.Remove(key);
                    }
                    else
                    {
                        Check(child, valueInfo, path.Key(key), errors, unknownFields);
                    }
                }

                break;
            case JsonTypeInfoKind.Enumerable when node is JsonArray array:
                var itemInfo = KubeJson.Options.GetTypeInfo(info.ElementType!);
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], itemInfo, path.Index(i), errors, unknownFields);
                }

                break;
            case JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary:
                errors.Add(WrongType(path, node, "must be an object"));
                break;
            case JsonTypeInfoKind.Enumerable:
                errors.Add(WrongType(path, node, "must be a list"));
                break;
            default:
                CheckValue(node, info.Type, path, errors);
                break;
        }
    }

    // Leaves go through the real converters, so quantities and int-or-strings are judged exactly as they will be read.
    private static void CheckValue(JsonNode? node, Type type, FieldPath path, List<FieldError> errors)
    {
        if (node is null)
        {
            // Only list items get here: a null field was dropped as absent.
            errors.Add(WrongType(path, node, ValueDetail(node, type, exception: null)));
            return;
        }

        try
        {
            JsonSerializer.Deserialize(node, type, KubeJson.Options);
        }
        catch (JsonException exception)
        {
            errors.Add(WrongType(path, node, ValueDetail(node, type, exception)));
        }
    }

    private static string ValueDetail(JsonNode? node, Type type, JsonException? exception)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        switch (KubeJson.Options.GetTypeInfo(target).Kind)
        {
            case JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary:
                return "must be an object";
            case JsonTypeInfoKind.Enumerable:
                return "must be a list";
        }

        if (target == typeof(string))
        {
            return "must be a string";
        }

        if (target == typeof(bool))
        {
            return "must be a boolean";
        }

        if (target == typeof(int) || target == typeof(long))
        {
            // A whole number that does not fit deserves its range, anything else is simply not an integer.
            var whole = node is JsonValue value && value.GetValueKind() == JsonValueKind.Number &&
                decimal.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) &&
                number == decimal.Truncate(number);
            return !whole ? "must be an integer"
                : target == typeof(int) ? NameRules.InclusiveRangeError(int.MinValue, int.MaxValue)
                : NameRules.InclusiveRangeError(long.MinValue, long.MaxValue);
        }

        if (target == typeof(double) || target == typeof(decimal))
        {
            return "must be a number";
        }

        // A converter's own words, without the value it repeats (the error shows the value already).
        var message = exception?.Message ?? "must not be null";
        var prefix = $"Invalid value: {Render(node)}: ";
        return message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
    }

    private static FieldError Unknown(FieldPath path, string name) =>
        new() { Field = path.Text, Type = FieldErrorType.Unknown, Value = FieldValue.Quote(name) };

    private static FieldError WrongType(FieldPath path, JsonNode? node, string detail) =>
        new() { Field = path.Text, Type = FieldErrorType.Invalid, Value = Render(node), Detail = detail };

    /// <summary>A JSON value as a field error shows it: strings quoted, numbers and booleans bare, structures as short JSON.</summary>
    public static string Render(JsonNode? node)
    {
        const int Longest = 60;
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return FieldValue.Quote(value.GetValue<string>());
        }

        var json = node?.ToJsonString(RenderOptions) ?? "null";
        return json.Length <= Longest ? json : json[..Longest] + "...";
    }
}

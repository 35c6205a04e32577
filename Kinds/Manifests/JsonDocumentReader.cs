using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansKube.Kinds.Manifests;

/// <summary>
/// Reads JSON manifests: one value or several concatenated ones. Built token by token rather than with
/// <see cref="JsonNode.Parse(string, JsonNodeOptions?, JsonDocumentOptions)"/> so that a repeated key is an error with its line,
/// as in YAML, instead of an exception later.
/// </summary>
public static class JsonDocumentReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        AllowMultipleValues = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static List<ManifestDocument> Read(string text, string source, List<string> errors)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var documents = new List<ManifestDocument>();
        var reader = new Utf8JsonReader(bytes, Options);
        try
        {
            while (reader.Read())
            {
                var errorsBefore = errors.Count;
                var root = ReadValue(ref reader, bytes, source, errors);
                documents.Add(new ManifestDocument(documents.Count + 1, errors.Count == errorsBefore ? root : null));
            }
        }
        catch (JsonException exception)
        {
            // Utf8JsonReader counts lines from 0 and appends its position to the message; say it once, as people count.
            var message = exception.Message;
            var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            errors.Add($"{source}: line {(exception.LineNumber ?? 0) + 1}: invalid JSON: {(position < 0 ? message : message[..position])}");
        }

        return documents;
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader, byte[] bytes, string source, List<string> errors)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var obj = new JsonObject();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    var offset = reader.TokenStartIndex;
                    reader.Read();
                    var value = ReadValue(ref reader, bytes, source, errors);
                    if (!obj.TryAdd(name, value))
                    {
                        errors.Add($"{source}: line {LineOf(bytes, offset)}: key \"{name}\" already set in map");
                    }
                }

                return obj;
            case JsonTokenType.StartArray:
                var array = new JsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    array.Add(ReadValue(ref reader, bytes, source, errors));
                }

                return array;
            case JsonTokenType.String:
                return JsonValue.Create(reader.GetString());
            case JsonTokenType.Number:
                // Kept as written so quantities such as 0.50 and integers beyond 64 bits survive.
                return JsonValue.Create(JsonElement.ParseValue(ref reader));
            case JsonTokenType.True or JsonTokenType.False:
                return JsonValue.Create(reader.GetBoolean());
            default:
                return null;
        }
    }

    private static long LineOf(byte[] bytes, long offset) =>
        bytes.AsSpan(0, (int)offset).Count((byte)'\n') + 1;
}

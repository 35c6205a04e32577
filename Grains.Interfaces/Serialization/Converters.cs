using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansKube.Model;

namespace OrleansKube.Serialization;

/// <summary>Reads a quantity from a string (<c>"128Mi"</c>) or a number (<c>0.5</c>); writes the text it was given.</summary>
public sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString()!,
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            _ => throw new JsonException("must be a quantity such as \"100m\" or \"128Mi\""),
        };
        return Quantity.TryParse(text, out var quantity, out var error)
            ? quantity
            : throw new JsonException($"Invalid value: \"{text}\": {error}");
    }

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}

/// <summary>Reads and writes an <see cref="IntOrString"/> as a JSON number or string.</summary>
public sealed class IntOrStringJsonConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetInt32(out var number) => new IntOrString(number),
            JsonTokenType.String => new IntOrString(reader.GetString()!),
            _ => throw new JsonException("must be an integer or a string"),
        };

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.IntValue is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(value.StringValue ?? "");
        }
    }
}

/// <summary>Timestamps as Kubernetes writes them: RFC 3339 in UTC, to the second.</summary>
public sealed class TimestampJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new JsonException("must be an RFC 3339 timestamp such as \"2024-01-02T15:04:05Z\"");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}

/// <summary>Reads and writes <see cref="FieldsV1"/> as the JSON object it holds.</summary>
public sealed class FieldsV1JsonConverter : JsonConverter<FieldsV1>
{
    public override FieldsV1 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? new FieldsV1(document.RootElement.GetRawText())
            : throw new JsonException("must be an object of fields such as {\"f:spec\":{}}");
    }

    public override void Write(Utf8JsonWriter writer, FieldsV1 value, JsonSerializerOptions options) => writer.WriteRawValue(value.Json);
}

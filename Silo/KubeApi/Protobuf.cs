using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace OrleansKube.Silo.KubeApi;

/// <summary>
/// Reads request bodies in Kubernetes' protobuf encoding (<c>application/vnd.kubernetes.protobuf</c>), which kubectl's
/// typed commands send: the magic <c>k8s\0</c>, then a <c>runtime.Unknown</c> holding the type (apiVersion, kind) and
/// the object's own message. The object becomes the JSON it stands for, from <see cref="ProtobufSchema"/>, and is then
/// decoded and validated like any JSON body. Answers are always JSON, which kubectl accepts.
/// </summary>
internal static class Protobuf
{
    public const string ContentType = "application/vnd.kubernetes.protobuf";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    // runtime.Unknown's fields, and TypeMeta's.
    private const int TypeMetaField = 1;
    private const int RawField = 2;
    private const int ApiVersionField = 1;
    private const int KindField = 2;

    /// <summary>The object <paramref name="body"/> holds, as JSON with its apiVersion and kind; refused with 400 or 415 when it cannot be read.</summary>
    public static JsonObject Decode(byte[] body)
    {
        if (!body.AsSpan().StartsWith(Magic))
        {
            throw BadRequest("the body does not start with the protobuf envelope's magic number");
        }

        string? apiVersion = null, kind = null;
        ReadOnlyMemory<byte> raw = default;
        var envelope = new Reader(body.AsMemory(Magic.Length));
        while (envelope.Next(out var field, out var wire))
        {
            switch (field)
            {
                case TypeMetaField:
                    var typeMeta = new Reader(envelope.Bytes(wire, "typeMeta"));
                    while (typeMeta.Next(out var typeField, out var typeWire))
                    {
                        switch (typeField)
                        {
                            case ApiVersionField: apiVersion = typeMeta.Text(typeWire, "apiVersion"); break;
                            case KindField: kind = typeMeta.Text(typeWire, "kind"); break;
                            default: typeMeta.Skip(typeWire); break;
                        }
                    }

                    break;
                case RawField:
                    raw = envelope.Bytes(wire, "raw");
                    break;
                default:
                    envelope.Skip(wire);
                    break;
            }
        }

        if (apiVersion is null || kind is null || !ProtobufSchema.Kinds.TryGetValue((apiVersion, kind), out var message))
        {
            throw new ApiStatusException(ApiStatus.UnsupportedMediaType($"{KubeResponses.Json}, {RequestBody.Yaml} ({kind ?? "this kind"} is not read as protobuf)"));
        }

        var node = ReadMessage(raw, message, "");
        node["apiVersion"] = apiVersion;
        node["kind"] = kind;
        return node;
    }

    private static JsonObject ReadMessage(ReadOnlyMemory<byte> bytes, ProtoMessage message, string path)
    {
        var node = new JsonObject();
        var reader = new Reader(bytes);
        while (reader.Next(out var number, out var wire))
        {
            if (!message.Fields.TryGetValue(number, out var field))
            {
                throw BadRequest($"{(path.Length == 0 ? "" : path + ": ")}field number {number} is not known to this API");
            }

            var fieldPath = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
            var value = ReadValue(ref reader, wire, field, fieldPath);
            if (field.Inline && value is JsonObject inline)
            {
                foreach (var (name, child) in inline.ToList())
                {
                    inline.Remove(name);
                    node[name] = child;
                }
            }
            else if (field.Type is ProtoType.StringMap or ProtoType.QuantityMap)
            {
                // Each entry of a map is a message of its own: key and value.
                var entry = (JsonArray)value!;
                var (key, entryValue) = (entry[0]!.GetValue<string>(), entry[1]);
                entry.Clear();
                (node[field.Name] ??= new JsonObject()).AsObject()[key] = entryValue;
            }
            else if (field.Repeated)
            {
                (node[field.Name] ??= new JsonArray()).AsArray().Add(value);
            }
            else if (field.Pointer || !IsZero(value))
            {
                node[field.Name] = value;
            }
        }

        return node;
    }

    private static bool IsZero(JsonNode? value) => value switch
    {
        null => true,
        JsonValue v when v.TryGetValue<string>(out var text) => text.Length == 0,
        JsonValue v when v.TryGetValue<bool>(out var flag) => !flag,
        JsonValue v when v.TryGetValue<int>(out var number) => number == 0,
        JsonValue v when v.TryGetValue<long>(out var number) => number == 0,
        _ => false,
    };

    private static JsonNode? ReadValue(ref Reader reader, int wire, ProtoField field, string path)
    {
        switch (field.Type)
        {
            case ProtoType.String:
                return reader.Text(wire, path);
            case ProtoType.Int:
                return (long)reader.Varint(wire, path) is var value && value is >= int.MinValue and <= int.MaxValue ? (int)value : value;
            case ProtoType.Bool:
                return reader.Varint(wire, path) != 0;
            case ProtoType.Message:
                return ReadMessage(reader.Bytes(wire, path), field.Message!, path);
            case ProtoType.Unmodelled:
                reader.Bytes(wire, path);
                return new JsonObject();
            case ProtoType.Time:
                return Time(reader.Bytes(wire, path), path);
            case ProtoType.Quantity:
                return QuantityText(reader.Bytes(wire, path), path);
            case ProtoType.IntOrString:
                return IntOrString(reader.Bytes(wire, path), path);
            case ProtoType.StringMap or ProtoType.QuantityMap:
                var entry = new Reader(reader.Bytes(wire, path));
                JsonNode? key = null, mapValue = null;
                while (entry.Next(out var number, out var entryWire))
                {
                    if (number == 1)
                    {
                        key = entry.Text(entryWire, path);
                    }
                    else if (number == 2)
                    {
                        mapValue = field.Type == ProtoType.StringMap ? entry.Text(entryWire, path) : QuantityText(entry.Bytes(entryWire, path), path);
                    }
                    else
                    {
                        entry.Skip(entryWire);
                    }
                }

                return key is null ? throw BadRequest($"{path}: a map entry without a key") : new JsonArray(key, mapValue);
            default:
                throw new InvalidOperationException($"no reader for {field.Type}");
        }
    }

    // metav1.Time: a zero time is sent as an empty message and means "not set".
    private static JsonNode? Time(ReadOnlyMemory<byte> bytes, string path)
    {
        long seconds = 0, nanos = 0;
        var reader = new Reader(bytes);
        while (reader.Next(out var number, out var wire))
        {
            switch (number)
            {
                case 1: seconds = (long)reader.Varint(wire, path); break;
                case 2: nanos = (long)reader.Varint(wire, path); break;
                default: reader.Skip(wire); break;
            }
        }

        return seconds == 0 && nanos == 0
            ? null
            : DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    }

    private static JsonNode? QuantityText(ReadOnlyMemory<byte> bytes, string path)
    {
        var reader = new Reader(bytes);
        string? text = null;
        while (reader.Next(out var number, out var wire))
        {
            if (number == 1)
            {
                text = reader.Text(wire, path);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return text;
    }

    // intstr.IntOrString: type 0 is the number, 1 the string.
    private static JsonNode? IntOrString(ReadOnlyMemory<byte> bytes, string path)
    {
        long type = 0, number = 0;
        string? text = null;
        var reader = new Reader(bytes);
        while (reader.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1: type = (long)reader.Varint(wire, path); break;
                case 2: number = (long)reader.Varint(wire, path); break;
                case 3: text = reader.Text(wire, path); break;
                default: reader.Skip(wire); break;
            }
        }

        return type == 1 ? text ?? "" : (int)number;
    }

    private static ApiStatusException BadRequest(string detail) =>
        new(ApiStatus.BadRequest($"the protobuf body cannot be read: {detail}"));

    /// <summary>The protobuf wire format: varint keys and values, and length-delimited strings and messages.</summary>
    private struct Reader(ReadOnlyMemory<byte> bytes)
    {
        private const int VarintWire = 0;
        private const int Fixed64Wire = 1;
        private const int LengthWire = 2;
        private const int Fixed32Wire = 5;

        private int _position;

        public bool Next(out int field, out int wire)
        {
            if (_position >= bytes.Length)
            {
                (field, wire) = (0, 0);
                return false;
            }

            var key = ReadVarint("a field key");
            (field, wire) = ((int)(key >> 3), (int)(key & 7));
            return field > 0 ? true : throw BadRequest("a field numbered 0");
        }

        public ulong Varint(int wire, string path) =>
            wire == VarintWire ? ReadVarint(path) : throw BadRequest($"{path}: expected a number");

        public ReadOnlyMemory<byte> Bytes(int wire, string path)
        {
            if (wire != LengthWire)
            {
                throw BadRequest($"{path}: expected a string or message");
            }

            var length = ReadVarint(path);
            if (length > (ulong)(bytes.Length - _position))
            {
                throw BadRequest($"{path}: the body ends inside it");
            }

            var slice = bytes.Slice(_position, (int)length);
            _position += (int)length;
            return slice;
        }

        public string Text(int wire, string path)
        {
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Bytes(wire, path).Span);
            }
            catch (DecoderFallbackException)
            {
                throw BadRequest($"{path}: not UTF-8 text");
            }
        }

        public void Skip(int wire)
        {
            switch (wire)
            {
                case VarintWire: ReadVarint("a skipped field"); break;
                case Fixed64Wire: Advance(8); break;
                case LengthWire: Bytes(wire, "a skipped field"); break;
                case Fixed32Wire: Advance(4); break;
                default: throw BadRequest($"wire type {wire} is not supported");
            }
        }

        private void Advance(int count)
        {
            if (count > bytes.Length - _position)
            {
                throw BadRequest("the body ends inside a field");
            }

            _position += count;
        }

        private ulong ReadVarint(string path)
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (_position >= bytes.Length)
                {
                    throw BadRequest($"{path}: the body ends inside a number");
                }

                var b = bytes.Span[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0)
                {
                    return value;
                }
            }

            throw BadRequest($"{path}: a number longer than 64 bits");
        }
    }
}

using System.IO.Compression;
using Azure.Data.Tables;

namespace OrleansKube.Silo.Storage;

/// <summary>
/// The layout of one grain state in one table entity. A binary property holds at most 64 KiB, so the serialized state
/// is cut into <c>Data0</c>, <c>Data1</c>, ...; a state longer than one property is Brotli-compressed first when that
/// makes it smaller (deployment histories repeat themselves and shrink several times over). <c>Codec</c> records which,
/// <c>Size</c> the serialized length, <c>Parts</c> the count. The whole state stays in one entity, so a write is atomic.
/// </summary>
internal static class StateEntity
{
    public const int MaxPropertyBytes = 64 * 1024;

    /// <summary>15 full parts leave room under the service's 1 MiB entity limit for the keys and the other properties.</summary>
    public const int MaxParts = 15;

    public const int MaxStoredBytes = MaxPropertyBytes * MaxParts;

    private const string CodecProperty = "Codec";
    private const string SizeProperty = "Size";
    private const string PartsProperty = "Parts";
    private const string DataPrefix = "Data";
    private const string Raw = "raw";
    private const string Brotli = "br";

    // Quality 4 compresses a few MB in milliseconds; the top qualities take seconds for a few percent more.
    private const int BrotliQuality = 4;
    private const int BrotliWindow = 22;

    /// <summary>
    /// The entity for <paramref name="data"/>, or null when even compressed it exceeds <see cref="MaxStoredBytes"/>;
    /// <paramref name="storedBytes"/> is what it would take.
    /// </summary>
    public static TableEntity? Create(string partitionKey, string rowKey, ReadOnlyMemory<byte> data, out int storedBytes)
    {
        var (codec, stored) = data.Length > MaxPropertyBytes && Compress(data.Span) is { } compressed && compressed.Length < data.Length
            ? (Brotli, compressed)
            : (Raw, data);
        storedBytes = stored.Length;
        if (stored.Length > MaxStoredBytes)
        {
            return null;
        }

        var parts = Math.Max(1, (stored.Length + MaxPropertyBytes - 1) / MaxPropertyBytes);
        var entity = new TableEntity(partitionKey, rowKey)
        {
            [CodecProperty] = codec,
            [SizeProperty] = data.Length,
            [PartsProperty] = parts,
        };
        for (var i = 0; i < parts; i++)
        {
            var start = i * MaxPropertyBytes;
            entity[DataPrefix + i] = stored.Slice(start, Math.Min(MaxPropertyBytes, stored.Length - start)).ToArray();
        }

        return entity;
    }

    /// <summary>The serialized state the entity holds. Throws <see cref="InvalidDataException"/> when it is not one of ours.</summary>
    public static BinaryData Read(TableEntity entity)
    {
        var codec = entity.GetString(CodecProperty);
        var size = entity.GetInt32(SizeProperty) ?? throw Malformed(entity, SizeProperty);
        var parts = entity.GetInt32(PartsProperty) ?? throw Malformed(entity, PartsProperty);
        var stored = new MemoryStream();
        for (var i = 0; i < parts; i++)
        {
            var part = entity.GetBinary(DataPrefix + i) ?? throw Malformed(entity, DataPrefix + i);
            stored.Write(part);
        }

        stored.Position = 0;
        return codec switch
        {
            Raw => new BinaryData(stored.ToArray()),
            Brotli => Decompress(stored, size),
            _ => throw Malformed(entity, CodecProperty),
        };
    }

    private static ReadOnlyMemory<byte>? Compress(ReadOnlySpan<byte> data)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(data.Length)];
        return BrotliEncoder.TryCompress(data, buffer, out var written, BrotliQuality, BrotliWindow)
            ? buffer.AsMemory(0, written)
            : null;
    }

    private static BinaryData Decompress(Stream stored, int size)
    {
        var data = new MemoryStream(size);
        using (var brotli = new BrotliStream(stored, CompressionMode.Decompress))
        {
            brotli.CopyTo(data);
        }

        return new BinaryData(data.GetBuffer().AsMemory(0, (int)data.Length));
    }

    private static InvalidDataException Malformed(TableEntity entity, string property) =>
        new($"table entity {entity.PartitionKey}/{entity.RowKey} is not a grain state of this storage: property {property} is missing or unknown");
}

using System.Text;

namespace OrleansKube.Silo.Runtime;

/// <summary>
/// Reads a container's log as the runtime writes it: the file at its path, and the older part rotated to <c>PATH.1</c>.
/// For <c>okube logs</c> (<see cref="ReadTail"/>) and <c>okube logs -f</c> (<see cref="ReadFrom"/>).
/// </summary>
public static class ContainerLogFile
{
    /// <summary>
    /// The last <paramref name="lines"/> lines (all when null), and at most the last <paramref name="limitBytes"/>
    /// bytes, of the rotated and the current file together. Empty when there is no log yet.
    /// </summary>
    public static string ReadTail(string path, int? lines, long limitBytes)
    {
        limitBytes = Math.Max(0, limitBytes);
        var current = ReadEnd(path, limitBytes);
        var rotated = current.Length < limitBytes && (lines is null || CountLines(current) < lines)
            ? ReadEnd(path + ".1", limitBytes - current.Length)
            : [];
        var bytes = rotated.Length == 0 ? current : [.. rotated, .. current];
        var start = lines is { } wanted ? StartOfLastLines(bytes, Math.Max(0, wanted)) : 0;

        // A byte limit may cut into a character; its continuation bytes are dropped rather than shown as garbage.
        while (start < bytes.Length && (bytes[start] & 0xC0) == 0x80)
        {
            start++;
        }

        return Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
    }

    /// <summary>
    /// What was written after <paramref name="offset"/> of the current file, at most <paramref name="limitBytes"/> bytes
    /// ending at a line's end where possible, and the offset to read from next. When the file is shorter than the
    /// offset it has rotated: the rest of <c>PATH.1</c> is read from the offset, then the new file from its start.
    /// </summary>
    /// <remarks>Should the file rotate and grow past the old offset between two reads, the lines in between are missed.</remarks>
    public static ContainerLogChunk ReadFrom(string path, long offset, long limitBytes)
    {
        offset = Math.Max(0, offset);
        // Room for one whole character, so that every read makes progress.
        limitBytes = Math.Max(4, limitBytes);
        var length = LengthOf(path);
        if (offset <= length)
        {
            var bytes = ReadRange(path, offset, Math.Min(limitBytes, length - offset));
            var taken = CompleteLength(bytes, offset + bytes.Length < length);
            return new(Encoding.UTF8.GetString(bytes, 0, taken), offset + taken);
        }

        var rotatedPath = path + ".1";
        var rotatedLength = LengthOf(rotatedPath);
        if (offset > rotatedLength)
        {
            return ReadFrom(path, 0, limitBytes);
        }

        var rest = ReadRange(rotatedPath, offset, Math.Min(limitBytes, rotatedLength - offset));
        var restTaken = CompleteLength(rest, offset + rest.Length < rotatedLength);
        return offset + restTaken >= rotatedLength
            ? new(Encoding.UTF8.GetString(rest, 0, restTaken), 0)
            : new(Encoding.UTF8.GetString(rest, 0, restTaken), offset + restTaken);
    }

    private static byte[] ReadEnd(string path, long maxBytes)
    {
        var length = LengthOf(path);
        var count = Math.Min(length, maxBytes);
        return ReadRange(path, length - count, count);
    }

    private static byte[] ReadRange(string path, long offset, long count)
    {
        if (count <= 0)
        {
            return [];
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            file.Position = offset;
            var buffer = new byte[(int)Math.Min(count, Array.MaxLength)];
            var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return read == buffer.Length ? buffer : buffer[..read];
        }
        catch (FileNotFoundException)
        {
            return [];
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    private static long LengthOf(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : 0;
    }

    /// <summary>
    /// How much of <paramref name="bytes"/> to hand out: up to the last line's end when more follows, and never ending
    /// inside a character (the rest comes with the next read).
    /// </summary>
    private static int CompleteLength(byte[] bytes, bool moreFollows)
    {
        if (moreFollows && Array.LastIndexOf(bytes, (byte)'\n') is var newline and >= 0)
        {
            return newline + 1;
        }

        var end = bytes.Length;
        var back = 0;
        while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xC0) == 0x80)
        {
            back++;
        }

        var lead = end - back - 1;
        if (lead < 0 || bytes[lead] < 0xC0)
        {
            return end;
        }

        var needed = bytes[lead] >= 0xF0 ? 4 : bytes[lead] >= 0xE0 ? 3 : 2;
        return back + 1 >= needed ? end : lead;
    }

    private static int CountLines(byte[] bytes) => bytes.Count(b => b == (byte)'\n');

    private static int StartOfLastLines(byte[] bytes, int lines)
    {
        if (lines == 0)
        {
            return bytes.Length;
        }

        // A final newline ends the last line; it does not start another one.
        var position = bytes.Length > 0 && bytes[^1] == (byte)'\n' ? bytes.Length - 1 : bytes.Length;
        for (var found = 0; position > 0; position--)
        {
            if (bytes[position - 1] == (byte)'\n' && ++found == lines)
            {
                return position;
            }
        }

        return 0;
    }
}

/// <summary>Log text read from an offset, and the offset to continue from.</summary>
public sealed record ContainerLogChunk(string Text, long NextOffset);

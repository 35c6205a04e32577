using System.Text;

namespace OrleansKube.Silo.Runtime;

/// <summary>Reads a container's log file: its last lines, or what was written after an offset (for following).</summary>
public static class ContainerLogFile
{
    public static (string Text, long NextOffset) ReadTail(string path, int? lines, int limitBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = stream.Length;
        var start = Math.Max(0, length - limitBytes);
        stream.Seek(start, SeekOrigin.Begin);
        var buffer = new byte[length - start];
        stream.ReadExactly(buffer);
        var text = Encoding.UTF8.GetString(buffer);
        if (lines is { } count && count >= 0)
        {
            var all = text.Split('\n');
            var hasTrailingNewline = text.EndsWith('\n');
            var body = hasTrailingNewline ? all[..^1] : all;
            text = string.Join('\n', body.TakeLast(count)) + (hasTrailingNewline && count > 0 && body.Length > 0 ? "\n" : "");
        }

        return (text, length);
    }

    public static (string Text, long NextOffset) ReadFrom(string path, long offset, int limitBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = stream.Length;
        if (offset > length)
        {
            offset = 0;
        }

        stream.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[Math.Min(limitBytes, length - offset)];
        stream.ReadExactly(buffer);
        return (Encoding.UTF8.GetString(buffer), offset + buffer.Length);
    }
}

using System.Text;

namespace OrleansKube.Silo.Runtime;

/// <summary>
/// Copies a container's stdout and stderr into its log file a line at a time, keeping the file within a size: when a
/// line would take it past the bound, the file moves to <c>PATH.1</c> (replacing the older one) and a new file starts.
/// </summary>
/// <remarks>
/// Whole lines are written so that stdout and stderr do not interleave mid-line. A line without its newline is held
/// until it ends, the stream ends, or it reaches 16 KiB (as Docker's log drivers split long lines).
/// </remarks>
internal sealed class ContainerLogWriter : IDisposable
{
    internal const int MaxLineBytes = 16 * 1024;

    private readonly Lock _lock = new();
    private readonly string _path;
    private readonly long _maxBytes;
    private FileStream? _file;

    public ContainerLogWriter(string path, long maxBytes)
    {
        _path = path;
        // A smaller bound would hold hardly a line.
        _maxBytes = Math.Max(1024, maxBytes);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _file = Open();
    }

    /// <summary>
    /// Copies <paramref name="source"/> until it ends or is closed. A line for which <paramref name="isChainMessage"/>
    /// holds is left out when it is the last of a burst (a message of the launch chain after its command ended);
    /// returns whether one was.
    /// </summary>
    public async Task<bool> PumpAsync(Stream source, Func<string, bool>? isChainMessage = null)
    {
        var droppedChainMessage = false;
        try
        {
            var buffer = new byte[MaxLineBytes];
            var held = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(held))) > 0)
            {
                var filled = held + read;
                var end = buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
                if (end == 0 && filled == buffer.Length)
                {
                    end = filled;
                }

                if (end > 0)
                {
                    var lines = buffer.AsSpan(0, end);
                    var lastStart = lines[..^1].LastIndexOf((byte)'\n') + 1;
                    if (isChainMessage is not null && isChainMessage(Encoding.UTF8.GetString(lines[lastStart..])))
                    {
                        droppedChainMessage = true;
                        lines = lines[..lastStart];
                    }

                    Write(lines);
                    buffer.AsSpan(end, filled - end).CopyTo(buffer);
                }

                held = filled - end;
            }

            if (held > 0)
            {
                Write([.. buffer.AsSpan(0, held), (byte)'\n']);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe was closed under us: the container is gone and its output with it.
        }

        return droppedChainMessage;
    }

    /// <summary>Appends lines, rotating between two lines when the next would not fit.</summary>
    public void Write(ReadOnlySpan<byte> lines)
    {
        lock (_lock)
        {
            try
            {
                while (!lines.IsEmpty && _file is not null)
                {
                    var room = Math.Max(0, _maxBytes - _file.Length);
                    var fitting = lines.Length <= room ? lines.Length : lines[..(int)room].LastIndexOf((byte)'\n') + 1;
                    if (fitting == 0 && _file.Length > 0)
                    {
                        Rotate();
                        continue;
                    }

                    if (fitting == 0)
                    {
                        // A single line longer than the whole bound keeps its end.
                        var lineEnd = lines.IndexOf((byte)'\n') + 1 is var end and > 0 ? end : lines.Length;
                        _file.Write(lines[(int)Math.Max(0, lineEnd - _maxBytes)..lineEnd]);
                        lines = lines[lineEnd..];
                        continue;
                    }

                    _file.Write(lines[..fitting]);
                    lines = lines[fitting..];
                }

                _file?.Flush();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                // A full disk or a removed directory must not take the container down; its output is lost instead.
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _file?.Dispose();
            _file = null;
        }
    }

    private void Rotate()
    {
        _file!.Dispose();
        try
        {
            File.Move(_path, _path + ".1", overwrite: true);
        }
        finally
        {
            _file = Open();
        }
    }

    private FileStream Open() =>
        new(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
}

using System.Text;
using OrleansKube.Silo.Runtime;

namespace OrleansKube.Tests.Runtime;

/// <summary>Containers' output in log files: captured as it comes, bounded and rotated, and read back.</summary>
public sealed class ContainerLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("okube-log-tests").FullName;

    private string LogPath => Path.Combine(_directory, "c.log");

    [Fact]
    public async Task Output_and_errors_are_in_the_log_while_the_container_runs_and_stdin_is_closed()
    {
        await using var scope = new RuntimeScope();
        var marker = RuntimeScope.Marker();

        var container = await scope.StartAsync("sh", "-c", $"echo out; echo err >&2; read line || echo eof; sleep {marker}; echo never");
        await Processes.EventuallyAsync(
            () => scope.Log().Contains("eof\n", StringComparison.Ordinal) && scope.Log().Contains("err\n", StringComparison.Ordinal),
            "the lines reaching the log");
        await container.StopAsync(TimeSpan.Zero, CancellationToken.None).Within();

        Assert.Equal(["eof", "err", "out"], scope.Log().Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_log_stays_within_its_bound_by_rotating()
    {
        await using var scope = new RuntimeScope();
        var launch = scope.Launch(["sh", "-c", "i=0; while [ $i -lt 1000 ]; do echo line-$i; i=$((i + 1)); done"], maxLogBytes: 4096);

        var container = await scope.Runtime.StartAsync(launch, CancellationToken.None);
        var exit = await container.Exited.Within();

        Assert.Equal(0, exit.ExitCode);
        var current = File.ReadAllText(scope.LogPath);
        var rotated = File.ReadAllText(scope.LogPath + ".1");
        Assert.InRange(new FileInfo(scope.LogPath).Length, 1, 4096);
        Assert.InRange(new FileInfo(scope.LogPath + ".1").Length, 1, 4096);
        Assert.EndsWith("line-999\n", current, StringComparison.Ordinal);
        var lines = (rotated + current).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var first = int.Parse(lines[0]["line-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Enumerable.Range(first, 1000 - first).Select(i => $"line-{i}"), lines);
    }

    [Fact]
    public async Task A_line_is_written_whole_only_once_it_ends()
    {
        using (var writer = new ContainerLogWriter(LogPath, 1024 * 1024))
        {
            var pipe = new MemoryStream(Encoding.UTF8.GetBytes("partial line, then\nthe rest without a newline"));
            await writer.PumpAsync(pipe);
        }

        Assert.Equal("partial line, then\nthe rest without a newline\n", File.ReadAllText(LogPath));
    }

    [Fact]
    public void Rotation_replaces_the_older_rotated_file()
    {
        using (var writer = new ContainerLogWriter(LogPath, 1024))
        {
            foreach (var letter in "abc")
            {
                writer.Write(Encoding.UTF8.GetBytes(new string(letter, 999) + "\n"));
            }
        }

        Assert.Equal(new string('c', 999) + "\n", File.ReadAllText(LogPath));
        Assert.Equal(new string('b', 999) + "\n", File.ReadAllText(LogPath + ".1"));
    }

    [Theory]
    [InlineData(null, "one\ntwo\nthree\nfour\n")]
    [InlineData(2, "three\nfour\n")]
    [InlineData(3, "two\nthree\nfour\n")]
    [InlineData(0, "")]
    public void ReadTail_reads_the_last_lines_across_the_rotated_file(int? lines, string expected)
    {
        File.WriteAllText(LogPath + ".1", "one\ntwo\n");
        File.WriteAllText(LogPath, "three\nfour\n");

        Assert.Equal(expected, ContainerLogFile.ReadTail(LogPath, lines, 1024));
    }

    [Fact]
    public void ReadTail_keeps_within_its_byte_limit_without_splitting_a_character()
    {
        File.WriteAllText(LogPath, "grüße\n");

        Assert.Equal("e\n", ContainerLogFile.ReadTail(LogPath, null, 2));
        Assert.Equal("ße\n", ContainerLogFile.ReadTail(LogPath, null, 4));
        Assert.Equal("", ContainerLogFile.ReadTail(Path.Combine(_directory, "none.log"), 10, 1024));
    }

    [Fact]
    public void ReadFrom_follows_the_file_and_continues_after_rotation()
    {
        File.WriteAllText(LogPath, "one\ntwo\n");
        var first = ContainerLogFile.ReadFrom(LogPath, 0, 1024);
        File.AppendAllText(LogPath, "three\n");
        var second = ContainerLogFile.ReadFrom(LogPath, first.NextOffset, 1024);
        File.AppendAllText(LogPath, "four\n");
        File.Move(LogPath, LogPath + ".1", overwrite: true);
        File.WriteAllText(LogPath, "5\n");
        var third = ContainerLogFile.ReadFrom(LogPath, second.NextOffset, 1024);
        var fourth = ContainerLogFile.ReadFrom(LogPath, third.NextOffset, 1024);

        Assert.Equal(["one\ntwo\n", "three\n", "four\n", "5\n"], new[] { first, second, third, fourth }.Select(c => c.Text));
        Assert.Equal(2, fourth.NextOffset);
    }

    [Fact]
    public void ReadFrom_ends_a_limited_read_at_a_line_end()
    {
        File.WriteAllText(LogPath, "one\ntwo\nthree\n");

        var chunk = ContainerLogFile.ReadFrom(LogPath, 0, 10);
        var rest = ContainerLogFile.ReadFrom(LogPath, chunk.NextOffset, 1024);

        Assert.Equal(new ContainerLogChunk("one\ntwo\n", 8), chunk);
        Assert.Equal(new ContainerLogChunk("three\n", 14), rest);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

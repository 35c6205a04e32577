using System.Text;
using OrleansKube.Client.Cluster;
using OrleansKube.Client.Commands;

namespace OrleansKube.Tests.Client;

/// <summary>Runs <c>okube</c> in-process with captured output, a fixed clock, a short poll interval and a chosen cluster.</summary>
internal sealed class TestTerminal(Func<ClusterAddress, CancellationToken, Task<IClusterSession>>? connect = null, string stdin = "")
{
    public CapturingWriter Out { get; } = new();

    public CapturingWriter Error { get; } = new();

    /// <summary>How many times a command connected to the cluster.</summary>
    public int Connections { get; private set; }

    public static TestTerminal With(FakeCluster cluster, string stdin = "") => new((_, _) => Task.FromResult<IClusterSession>(cluster), stdin);

    /// <summary>A terminal whose cluster must not be reached: connecting fails the command with a telling message.</summary>
    public static TestTerminal Offline() => new((_, _) => throw new InvalidOperationException("the command connected to the cluster"));

    public Task<int> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var context = new CliContext(new StringReader(stdin), Out, Error, new FixedClock(TestObjects.Now), (gateway, token) =>
        {
            Connections++;
            return (connect ?? ClusterConnection.ConnectAsync)(gateway, token);
        })
        {
            // Commands that poll (rollout status) read again at once, so a scripted series of states plays out quickly.
            PollInterval = TimeSpan.FromMilliseconds(1),
        };
        return OkubeCli.RunAsync(args, context, cancellationToken);
    }
}

/// <summary>A writer that may be read while a command still writes to it from another thread (a watch).</summary>
internal sealed class CapturingWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_lock)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_lock)
        {
            _text.Append(value);
        }
    }

    public override string ToString() => Text;
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

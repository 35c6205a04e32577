using System.Net;
using System.Net.Sockets;

namespace OrleansKube.Tests.Client;

public sealed class CommandLineTests
{
    public static TheoryData<string[], string> UsageErrors() => new()
    {
        { ["frob"], "error: Unrecognized command or argument 'frob'." },
        { ["get"], "error: You must specify the type of resource to get." },
        { ["get", "pods", "--bogus"], "error: unknown flag: --bogus" },
        { ["get", "pods", "-x"], "error: unknown flag: -x" },
        { ["get", "pods", "-o", "table"], "error: unable to match a printer suitable for the output format \"table\"" },
        { ["get", "pods", "-A", "-n", "demo"], "error: --all-namespaces (-A) and --namespace (-n) cannot be used together" },
        { ["get", "pods", "a", "b"], "error: Unrecognized command or argument 'b'." },
        { ["describe"], "error: You must specify the type of resource to describe." },
        { ["apply"], "error: Option '--filename' is required." },
        { ["delete"], "error: You must provide one or more resources by argument or filename." },
        { ["delete", "pods"], "error: resource(s) were provided, but no name was specified" },
        { ["delete", "pods", "x", "-f", "x.yaml"], "error: when paths are provided (-f), you may not name resources as arguments as well" },
        { ["create", "namespace"], "error: Required argument 'NAME' missing" },
        { ["cordon"], "error: Required argument 'NODE' missing" },
        { ["uncordon", "a", "b"], "error: Unrecognized command or argument 'b'." },
        { ["--gateway", "host:port", "get", "pods"], "error: invalid gateway \"host:port\"" },
        { ["scale", "deployment", "web"], "error: Option '--replicas' is required." },
        { ["scale", "deployment", "web", "--replicas", "-1"], "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0" },
        { ["scale", "deployment", "web", "--replicas", "many"], "error: Cannot parse argument 'many' for option '--replicas'" },
        { ["scale", "--replicas", "2"], "error: required resource not specified" },
        { ["scale", "deployment", "--replicas", "2"], "error: resource(s) were provided, but no name was specified" },
        { ["scale", "deployment/", "--replicas", "2"], "error: resource(s) were provided, but no name was specified" },
        { ["scale", "deployment/web", "web", "--replicas", "2"], "error: there is no need to specify a resource type as a separate argument" },
        { ["rollout", "restart", "deployment", "web"], "error: Unrecognized command or argument 'restart'." },
        { ["rollout", "status"], "error: required resource not specified" },
        { ["rollout", "status", "deployment", "web", "--timeout", "soon"], "error: invalid argument \"soon\" for \"--timeout\" flag: time: invalid duration \"soon\"" },
        { ["rollout", "history", "deployment"], "error: resource(s) were provided, but no name was specified" },
        { ["rollout", "history", "deployment", "web", "--revision", "-1"], "error: revision must be a positive integer: -1" },
        { ["rollout", "undo", "deployment", "web", "--to-revision"], "error: Required argument missing for option: '--to-revision'." },
        { ["rollout", "pause"], "error: required resource not specified" },
        { ["rollout", "resume", "deploy/web", "--bogus"], "error: unknown flag: --bogus" },
        { ["logs"], "error: Required argument 'POD' missing" },
        { ["logs", "web-1", "--tail", "many"], "error: Cannot parse argument 'many' for option '--tail'" },
        { ["logs", "web-1", "--since", "5m"], "error: Unrecognized command or argument '--since'." },
        { ["top", "deployments"], "error: Unrecognized command or argument 'deployments'." },
        { ["top", "pods", "-A", "-n", "demo"], "error: --all-namespaces (-A) and --namespace (-n) cannot be used together" },
        { ["drain"], "error: Required argument 'NODE' missing" },
        { ["drain", "node-1", "--timeout", "soon"], "error: invalid argument \"soon\" for \"--timeout\" flag: time: invalid duration \"soon\"" },
        { ["drain", "node-1", "--grace-period", "long"], "error: Cannot parse argument 'long' for option '--grace-period'" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task Usage_errors_exit_2_with_a_hint_and_never_connect(string[] args, string message)
    {
        var terminal = TestTerminal.Offline();

        var exitCode = await terminal.RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.StartsWith(message, terminal.Error.Text, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", terminal.Error.Text, StringComparison.Ordinal);
        Assert.Equal("", terminal.Out.Text);
        Assert.Equal(0, terminal.Connections);
    }

    [Fact]
    public async Task Help_prints_the_verbs_and_exits_0()
    {
        var terminal = TestTerminal.Offline();

        Assert.Equal(0, await terminal.RunAsync("--help"));
        foreach (var verb in new[] { "apply", "get", "describe", "delete", "create", "scale", "rollout", "logs", "top", "cordon", "uncordon", "drain" })
        {
            Assert.Contains($"  {verb} ", terminal.Out.Text, StringComparison.Ordinal);
        }

        Assert.Contains("--gateway", terminal.Out.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_without_a_subcommand_prints_its_help()
    {
        var terminal = TestTerminal.Offline();

        Assert.Equal(0, await terminal.RunAsync("rollout"));
        foreach (var subcommand in new[] { "status", "history", "undo", "pause", "resume" })
        {
            Assert.Contains(subcommand, terminal.Out.Text, StringComparison.Ordinal);
        }

        Assert.Equal(0, terminal.Connections);
    }

    [Fact]
    public async Task Top_without_a_subcommand_prints_its_help()
    {
        var terminal = TestTerminal.Offline();

        Assert.Equal(0, await terminal.RunAsync("top"));
        Assert.Contains("node, ", terminal.Out.Text, StringComparison.Ordinal);
        Assert.Contains("pod, ", terminal.Out.Text, StringComparison.Ordinal);
        Assert.Equal(0, terminal.Connections);
    }

    [Fact]
    public async Task An_unknown_kind_is_an_error_before_connecting()
    {
        var terminal = TestTerminal.Offline();

        Assert.Equal(1, await terminal.RunAsync("get", "foo"));
        Assert.Equal("error: the server doesn't have a resource type \"foo\"\n", terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal(0, terminal.Connections);
    }

    [Fact]
    public async Task An_unreachable_cluster_is_one_line_and_exit_1()
    {
        var port = FreeLoopbackPort();
        var terminal = new TestTerminal();

        var exitCode = await terminal.RunAsync("--gateway", $"127.0.0.1:{port}", "get", "pods");

        Assert.Equal(1, exitCode);
        var lines = terminal.Error.Text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith($"error: cannot reach the cluster at 127.0.0.1:{port}: ", lines[0], StringComparison.Ordinal);
        Assert.Equal("", terminal.Out.Text);
    }

    [Fact]
    public async Task Gateway_host_names_are_kept_in_the_message()
    {
        var terminal = new TestTerminal();

        var exitCode = await terminal.RunAsync("--gateway", $"localhost:{FreeLoopbackPort()}", "get", "ns");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("error: cannot reach the cluster at localhost:", terminal.Error.Text, StringComparison.Ordinal);
    }

    private static int FreeLoopbackPort()
    {
        // The port is free once the listener stops; nothing else on a test machine binds it that quickly.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

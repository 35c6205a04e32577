using System.Text.Json.Nodes;

namespace OrleansKube.Tests.Client;

/// <summary><c>okube get all</c>: pods then deployments, one table each, as kubectl prints its <c>all</c> category.</summary>
public sealed class GetAllTests
{
    private readonly FakeCluster _cluster = new();

    [Fact]
    public async Task Prints_one_table_per_kind_with_kind_qualified_names()
    {
        _cluster.Put(TestObjects.RunningPod("web-1"));
        _cluster.Put(TestObjects.Deployment("web"));
        _cluster.Put(TestObjects.RunningPod("elsewhere", ns: "demo"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "all"));

        Assert.Equal(
            """
            NAME        READY   STATUS    RESTARTS   AGE
            pod/web-1   1/1     Running   0          5m

            NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
            deployment.apps/web   2/3     2            2           5h3m

            """.ReplaceLineEndings("\n"),
            terminal.Out.Text);
        Assert.Equal("", terminal.Error.Text);
    }

    [Fact]
    public async Task Leaves_out_kinds_without_objects()
    {
        _cluster.Put(TestObjects.Deployment("web", ns: "demo"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "all", "-n", "demo"));

        Assert.Equal(
            """
            NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
            deployment.apps/web   2/3     2            2           5h3m

            """.ReplaceLineEndings("\n"),
            terminal.Out.Text);
    }

    [Fact]
    public async Task All_namespaces_adds_the_namespace_column()
    {
        _cluster.Put(TestObjects.Namespace("default"));
        _cluster.Put(TestObjects.Namespace("demo"));
        _cluster.Put(TestObjects.RunningPod("web-1"));
        _cluster.Put(TestObjects.RunningPod("api-0", ns: "demo"));
        _cluster.Put(TestObjects.Deployment("api", ns: "demo"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "all", "-A"));

        Assert.Equal(
            """
            NAMESPACE   NAME        READY   STATUS    RESTARTS   AGE
            default     pod/web-1   1/1     Running   0          5m
            demo        pod/api-0   1/1     Running   0          5m

            NAMESPACE   NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
            demo        deployment.apps/api   2/3     2            2           5h3m

            """.ReplaceLineEndings("\n"),
            terminal.Out.Text);
    }

    [Theory]
    [InlineData(new[] { "get", "all" }, "No resources found in default namespace.\n")]
    [InlineData(new[] { "get", "all", "-n", "demo" }, "No resources found in demo namespace.\n")]
    [InlineData(new[] { "get", "all", "-A" }, "No resources found\n")]
    public async Task Says_when_there_is_nothing(string[] args, string expected)
    {
        _cluster.Put(TestObjects.Namespace("default"));
        _cluster.Put(TestObjects.Namespace("demo"));
        _cluster.Put(TestObjects.Node("node-1"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync(args));

        Assert.Equal("", terminal.Out.Text);
        Assert.Equal(expected, terminal.Error.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Names_print_pods_then_deployments()
    {
        _cluster.Put(TestObjects.Deployment("web"));
        _cluster.Put(TestObjects.RunningPod("web-2"));
        _cluster.Put(TestObjects.RunningPod("web-1"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "all", "-o", "name"));

        Assert.Equal("pod/web-1\npod/web-2\ndeployment.apps/web\n", terminal.Out.Text);
    }

    [Fact]
    public async Task Json_is_one_list_of_every_kind()
    {
        _cluster.Put(TestObjects.Deployment("web"));
        _cluster.Put(TestObjects.RunningPod("web-1"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "all", "-o", "json"));

        var list = JsonNode.Parse(terminal.Out.Text)!;
        Assert.Equal("List", (string?)list["kind"]);
        Assert.Equal(
            ["Pod/web-1", "Deployment/web"],
            list["items"]!.AsArray().Select(item => $"{item!["kind"]}/{item["metadata"]!["name"]}"));
    }

    [Fact]
    public async Task Yaml_is_one_list_of_every_kind()
    {
        _cluster.Put(TestObjects.Deployment("web"));
        _cluster.Put(TestObjects.RunningPod("web-1"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "all", "-o", "yaml"));

        var text = terminal.Out.Text;
        Assert.StartsWith("apiVersion: v1\nitems:\n", text, StringComparison.Ordinal);
        Assert.Contains("\nkind: List\n", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("kind: Pod", StringComparison.Ordinal) < text.IndexOf("kind: Deployment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Selects_by_label_across_kinds()
    {
        _cluster.Put(TestObjects.Deployment("web"));
        _cluster.Put(TestObjects.Deployment("api"));
        _cluster.Put(TestObjects.RunningPod("web-1"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "all", "-l", "app=web", "-o", "name"));

        Assert.Equal("pod/web-1\ndeployment.apps/web\n", terminal.Out.Text);
    }

    [Theory]
    [InlineData(new[] { "get", "all", "-w" }, "error: watch is only supported on individual resources and resource collections, but 2 resources were found\n")]
    [InlineData(new[] { "get", "all", "web" }, "error: get all lists objects and takes no NAME; name a kind to get one object, such as get pod web\n")]
    public async Task Refuses_what_only_one_kind_can_do(string[] args, string expected)
    {
        var terminal = TestTerminal.Offline();

        Assert.Equal(1, await terminal.RunAsync(args));

        Assert.Equal(expected, terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal(0, terminal.Connections);
    }
}

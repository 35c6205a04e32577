using OrleansKube.Model.Deployments;

namespace OrleansKube.Tests.Client;

/// <summary>The verbs end to end against <see cref="FakeCluster"/>: what they print and their exit codes.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly Manifests _manifests = new();
    private readonly FakeCluster _cluster = new();

    public void Dispose() => _manifests.Dispose();

    [Fact]
    public async Task Apply_reports_created_then_unchanged_then_configured()
    {
        var file = _manifests.Write("app.yaml", Manifests.Namespace, Manifests.Deployment);

        var first = TestTerminal.With(_cluster);
        Assert.Equal(0, await first.RunAsync("apply", "-f", file));
        Assert.Equal("namespace/demo created\ndeployment.apps/web created\n", first.Out.Text);

        var second = TestTerminal.With(_cluster);
        Assert.Equal(0, await second.RunAsync("apply", "-f", file));
        Assert.Equal("namespace/demo unchanged\ndeployment.apps/web unchanged\n", second.Out.Text);

        _manifests.Write("app.yaml", Manifests.Deployment.Replace("replicas: 2", "replicas: 5", StringComparison.Ordinal));
        var third = TestTerminal.With(_cluster);
        Assert.Equal(0, await third.RunAsync("apply", "-f", file));
        Assert.Equal("deployment.apps/web configured\n", third.Out.Text);
        Assert.Equal(5, ((Deployment)_cluster.Find("Deployment", "demo/web")!).Spec.Replicas);
    }

    [Fact]
    public async Task Apply_of_a_directory_takes_its_manifests_in_name_order()
    {
        _manifests.Write("2-web.yml", Manifests.Deployment);
        _manifests.Write("1-namespace.yaml", Manifests.Namespace);
        _manifests.Write("notes.txt", "not a manifest");
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("apply", "-f", _manifests.Directory));
        Assert.Equal("namespace/demo created\ndeployment.apps/web created\n", terminal.Out.Text);
    }

    [Fact]
    public async Task Apply_places_objects_without_namespace_in_the_one_given()
    {
        var terminal = TestTerminal.With(_cluster, stdin: Manifests.PodWithoutNamespace);

        Assert.Equal(0, await terminal.RunAsync("apply", "-f", "-", "-n", "tools"));
        Assert.Equal("pod/tool created\n", terminal.Out.Text);
        Assert.NotNull(_cluster.Find("Pod", "tools/tool"));
    }

    [Fact]
    public async Task Apply_applies_nothing_when_any_object_is_invalid()
    {
        var good = _manifests.Write("good.yaml", Manifests.Namespace);
        var bad = _manifests.Write("bad.yaml", Manifests.PodWithoutName);
        var terminal = TestTerminal.Offline();

        Assert.Equal(1, await terminal.RunAsync("apply", "-f", good, "-f", bad, "-f", "missing.yaml"));
        var errors = terminal.Error.Text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.All(errors, line => Assert.StartsWith("error: ", line, StringComparison.Ordinal));
        Assert.Contains(errors, line => line.Contains("metadata.name", StringComparison.Ordinal));
        Assert.Contains("error: the path \"missing.yaml\" does not exist", errors);
        Assert.Equal("", terminal.Out.Text);
        Assert.Equal(0, terminal.Connections);
    }

    [Fact]
    public async Task Apply_refuses_a_manifest_namespace_that_contradicts_the_flag()
    {
        var file = _manifests.Write("web.yaml", Manifests.Deployment);
        var terminal = TestTerminal.Offline();

        Assert.Equal(1, await terminal.RunAsync("apply", "-f", file, "-n", "other"));
        Assert.Equal(
            "error: the namespace from the provided object \"demo\" does not match the namespace \"other\". You must pass '--namespace=demo' to perform this operation.\n",
            terminal.Error.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Get_prints_the_table_of_the_namespace()
    {
        _cluster.Put(TestObjects.RunningPod("web-1"));
        _cluster.Put(TestObjects.RunningPod("other", ns: "demo"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "po"));
        Assert.Equal("NAME    READY   STATUS    RESTARTS   AGE\nweb-1   1/1     Running   0          5m\n", terminal.Out.Text);
    }

    [Fact]
    public async Task Get_reads_a_long_list_in_pages_of_500_and_prints_one_table_in_name_order()
    {
        for (var i = 1200; i > 0; i--)
        {
            _cluster.Put(TestObjects.RunningPod($"web-{i:D4}"));
        }

        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "pods"));
        var lines = terminal.Out.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1201, lines.Length);
        Assert.StartsWith("NAME ", lines[0]);
        Assert.Equal([.. Enumerable.Range(1, 1200).Select(i => $"web-{i:D4}")], lines.Skip(1).Select(line => line.Split(' ')[0]));
        Assert.Equal(3, _cluster.PagesRead);
    }

    [Fact]
    public async Task Get_all_namespaces_lists_every_namespace()
    {
        _cluster.Put(TestObjects.Namespace("default"));
        _cluster.Put(TestObjects.Namespace("demo"));
        _cluster.Put(TestObjects.RunningPod("web-1"));
        _cluster.Put(TestObjects.RunningPod("api-0", ns: "demo"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "pods", "-A", "-o", "name"));
        Assert.Equal("pod/web-1\npod/api-0\n", terminal.Out.Text);
    }

    [Fact]
    public async Task Get_filters_by_label_selector()
    {
        _cluster.Put(TestObjects.RunningPod("web-1"));
        _cluster.Put(TestObjects.PendingPod("batch"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "pods", "-l", "app=web", "-o", "name"));
        Assert.Equal("pod/web-1\n", terminal.Out.Text);
    }

    [Fact]
    public async Task Get_with_nothing_found_says_so_on_stderr()
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "deploy", "-n", "demo"));
        Assert.Equal("", terminal.Out.Text);
        Assert.Equal("No resources found in demo namespace.\n", terminal.Error.Text.ReplaceLineEndings("\n"));

        var nodes = TestTerminal.With(_cluster);
        Assert.Equal(0, await nodes.RunAsync("get", "nodes"));
        Assert.Equal("No resources found\n", nodes.Error.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Get_of_a_missing_object_is_not_found()
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync("get", "pod", "ghost"));
        Assert.Equal("error: pods \"ghost\" not found\n", terminal.Error.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Get_one_object_as_json_prints_the_object()
    {
        _cluster.Put(TestObjects.Deployment("web"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "deployments.apps", "web", "-o", "json"));
        Assert.StartsWith("{\n  \"apiVersion\": \"apps/v1\",\n  \"kind\": \"Deployment\",", terminal.Out.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_prints_the_objects_description()
    {
        _cluster.Put(TestObjects.RunningPod("web-1"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("describe", "pod", "web-1"));
        Assert.StartsWith("Name:         web-1\n", terminal.Out.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_names_what_it_deleted_and_reports_what_was_missing()
    {
        _cluster.Put(TestObjects.RunningPod("web-1"));
        _cluster.Put(TestObjects.Deployment("web"));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync("delete", "pods", "web-1", "ghost"));
        Assert.Equal("pod \"web-1\" deleted\n", terminal.Out.Text);
        Assert.Equal("error: pods \"ghost\" not found\n", terminal.Error.Text.ReplaceLineEndings("\n"));

        var deployment = TestTerminal.With(_cluster);
        Assert.Equal(0, await deployment.RunAsync("delete", "deploy", "web"));
        Assert.Equal("deployment.apps \"web\" deleted\n", deployment.Out.Text);
        Assert.Null(_cluster.Find("Deployment", "default/web"));
    }

    [Fact]
    public async Task Delete_by_file_deletes_each_object()
    {
        var file = _manifests.Write("app.yaml", Manifests.Namespace, Manifests.Deployment);
        await TestTerminal.With(_cluster).RunAsync("apply", "-f", file);
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("delete", "-f", file));
        Assert.Equal("namespace \"demo\" deleted\ndeployment.apps \"web\" deleted\n", terminal.Out.Text);
    }

    [Fact]
    public async Task Create_namespace_creates_it_once()
    {
        var terminal = TestTerminal.With(_cluster);
        Assert.Equal(0, await terminal.RunAsync("create", "namespace", "demo"));
        Assert.Equal("namespace/demo created\n", terminal.Out.Text);

        var again = TestTerminal.With(_cluster);
        Assert.Equal(1, await again.RunAsync("create", "ns", "demo"));
        Assert.Equal("error: namespaces \"demo\" already exists\n", again.Error.Text.ReplaceLineEndings("\n"));
    }
}

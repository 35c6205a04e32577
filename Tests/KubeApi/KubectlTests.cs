using System.Text.Json.Nodes;
using OrleansKube.Tests.EndToEnd;

namespace OrleansKube.Tests.KubeApi;

/// <summary>The real kubectl against real silo processes, through the kubeconfig <c>okube kubeconfig</c> prints.</summary>
[Collection(KubeApiClusterCollection.Name)]
public sealed class KubectlTests(KubeApiClusterFixture cluster)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private Kubectl Kubectl => cluster.Kubectl;

    [Fact]
    public async Task Version_and_api_resources_are_discovered()
    {
        var version = JsonNode.Parse(await Kubectl.OkAsync("version", "-o", "json"))!;
        Assert.Equal("1", (string?)version["serverVersion"]!["major"]);

        var resources = await Kubectl.OkAsync("api-resources", "-o", "wide");
        var rows = resources.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Contains(rows, row => row is ["pods", "po", "v1", "true", "Pod", ..] && string.Join(' ', row).Contains("deletecollection"));
        Assert.Contains(rows, row => row is ["deployments", "deploy", "apps/v1", "true", "Deployment", ..]);
        Assert.Contains(rows, row => row is ["namespaces", "ns", "v1", "false", "Namespace", ..]);
        Assert.Contains(rows, row => row is ["nodes", "no", "v1", "false", "Node", ..]);
        Assert.Contains(rows, row => row is ["events", "ev", "v1", "true", "Event", ..]);
    }

    [Fact]
    public async Task Both_silos_nodes_and_the_built_in_namespaces_are_listed()
    {
        var nodes = await Kubectl.OkAsync("get", "nodes");
        Assert.Contains("api-first", nodes);
        Assert.Contains("api-second", nodes);
        Assert.StartsWith("NAME", nodes);

        var namespaces = await Kubectl.OkAsync("get", "namespaces");
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            Assert.Contains(name, namespaces);
        }

        var refused = await Kubectl.FailsAsync("delete", "namespace", "kube-system");
        Assert.Contains("Error from server (Forbidden): namespaces \"kube-system\" is forbidden: this namespace may not be deleted", refused);
    }

    [Fact]
    public async Task A_deployment_is_applied_scaled_patched_and_rolled_out()
    {
        var ns = await NamespaceAsync("rollout");
        Assert.Contains("deployment.apps/web created", await ApplyAsync(ns, Deployment("web", 2)));
        await RolloutStatusAsync(ns, "web");

        var table = await Kubectl.OkAsync("-n", ns, "get", "deploy", "web", "-o", "wide");
        Assert.Matches(@"web\s+2/2\s+2\s+2\s+\S+\s+main\s+sleep\s+app=web", table);

        Assert.Contains("deployment.apps/web scaled", await Kubectl.OkAsync("-n", ns, "scale", "deploy/web", "--replicas=3"));
        await Poll.UntilAsync(() => Kubectl.RunAsync("-n", ns, "get", "pods", "-l", "app=web", "--no-headers"), r => Lines(r.Stdout).Count(l => l.Contains("Running")) == 3, Deadline);

        await Kubectl.OkAsync("-n", ns, "set", "env", "deploy/web", "GREETING=hi");
        await Kubectl.OkAsync("-n", ns, "set", "image", "deploy/web", "main=sleep:2");
        await Kubectl.OkAsync("-n", ns, "label", "deploy", "web", "tier=front");
        await Kubectl.OkAsync("-n", ns, "annotate", "deploy", "web", "owner=team-a");
        await Kubectl.OkAsync("-n", ns, "patch", "deploy", "web", "--type=json", "-p", """[{"op":"add","path":"/spec/minReadySeconds","value":1}]""");
        await Kubectl.OkAsync("-n", ns, "patch", "deploy", "web", "--type=merge", "-p", """{"metadata":{"labels":{"stage":"test"}}}""");
        await RolloutStatusAsync(ns, "web");

        var web = await GetJsonAsync(ns, "deploy", "web");
        var container = web["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("sleep:2", (string?)container["image"]);
        Assert.Equal("hi", (string?)container["env"]!.AsArray().Single(e => (string?)e!["name"] == "GREETING")!["value"]);
        Assert.Equal("front", (string?)web["metadata"]!["labels"]!["tier"]);
        Assert.Equal("test", (string?)web["metadata"]!["labels"]!["stage"]);
        Assert.Equal("team-a", (string?)web["metadata"]!["annotations"]!["owner"]);
        Assert.Equal(1, (int?)web["spec"]!["minReadySeconds"]);
        Assert.Equal(3, (int?)web["spec"]!["replicas"]);

        var describe = await Kubectl.OkAsync("-n", ns, "describe", "deploy", "web");
        Assert.Contains("Replicas:", describe);
        Assert.Contains("ScalingReplicaSet", describe);

        Assert.Contains("deployment.apps \"web\" deleted", await Kubectl.OkAsync("-n", ns, "delete", "deploy", "web"));
        await Poll.UntilAsync(() => Kubectl.RunAsync("-n", ns, "get", "pods", "-o", "name"), r => r.Stdout.Trim().Length == 0, Deadline);
    }

    [Fact]
    public async Task Typed_commands_that_send_protobuf_create_what_they_name()
    {
        var ns = $"typed-{Guid.NewGuid():N}"[..12];
        Assert.Contains($"namespace/{ns} created", await Kubectl.OkAsync("create", "namespace", ns));
        Assert.Contains("deployment.apps/made created", await Kubectl.OkAsync("-n", ns, "create", "deployment", "made", "--image=sleep", "--replicas=2", "--", "/bin/sh", "-c", "while true; do sleep 1; done"));
        Assert.Contains("pod/single created", await Kubectl.OkAsync("-n", ns, "run", "single", "--image=sleep", "--restart=Never", "--command", "--", "sleep", "600"));

        await RolloutStatusAsync(ns, "made");
        var made = await GetJsonAsync(ns, "deploy", "made");
        Assert.Equal(2, (int?)made["spec"]!["replicas"]);
        Assert.Equal("made", (string?)made["spec"]!["selector"]!["matchLabels"]!["app"]);
        Assert.Equal(["/bin/sh", "-c", "while true; do sleep 1; done"], made["spec"]!["template"]!["spec"]!["containers"]![0]!["command"]!.AsArray().Select(c => (string?)c));
        var single = await GetJsonAsync(ns, "pod", "single");
        Assert.Equal("Never", (string?)single["spec"]!["restartPolicy"]);
        Assert.Equal("single", (string?)single["metadata"]!["labels"]!["run"]);
    }

    [Fact]
    public async Task Apply_again_changes_only_what_the_manifest_changed()
    {
        var ns = await NamespaceAsync("reapply");
        await ApplyAsync(ns, Deployment("api", 1));
        await Kubectl.OkAsync("-n", ns, "label", "deploy", "api", "added-by-hand=yes");

        Assert.Contains("deployment.apps/api configured", await ApplyAsync(ns, Deployment("api", 2)));
        Assert.Contains("deployment.apps/api unchanged", await ApplyAsync(ns, Deployment("api", 2)));

        var api = await GetJsonAsync(ns, "deploy", "api");
        Assert.Equal(2, (int?)api["spec"]!["replicas"]);
        Assert.Equal("yes", (string?)api["metadata"]!["labels"]!["added-by-hand"]);
    }

    [Fact]
    public async Task Edit_runs_the_editor_and_stores_what_it_saved()
    {
        var ns = await NamespaceAsync("edit");
        await ApplyAsync(ns, Deployment("edited", 1));
        var editor = Path.Combine(Path.GetTempPath(), $"okube-editor-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(editor, "#!/bin/sh\nsed -i 's/replicas: 1/replicas: 4/' \"$1\"\n");
        try
        {
            var edited = await Kubectl.RunWithInputAsync(null, new Dictionary<string, string> { ["EDITOR"] = $"sh {editor}" }, "-n", ns, "edit", "deploy", "edited");
            Assert.True(edited.ExitCode == 0, edited.ToString());
            Assert.Contains("deployment.apps/edited edited", edited.Stdout);
        }
        finally
        {
            File.Delete(editor);
        }

        Assert.Equal(4, (int?)(await GetJsonAsync(ns, "deploy", "edited"))["spec"]!["replicas"]);
    }

    [Fact]
    public async Task Server_side_apply_owns_fields_finds_conflicts_and_removes_what_it_no_longer_applies()
    {
        var ns = await NamespaceAsync("ssa");
        var labelled = Deployment("ssa", 1).Replace("  name: ssa", "  name: ssa\n  labels: {team: a}");
        Assert.Contains("deployment.apps/ssa serverside-applied", await ApplyAsync(ns, labelled, "--server-side"));
        Assert.Contains("deployment.apps/ssa serverside-applied", await ApplyAsync(ns, labelled.Replace("replicas: 1", "replicas: 2"), "--server-side"));
        Assert.Equal(2, (int?)(await GetJsonAsync(ns, "deploy", "ssa"))["spec"]!["replicas"]);

        // Another manager takes the replicas; applying another value is then a conflict, until forced.
        await Kubectl.OkAsync("-n", ns, "patch", "deploy", "ssa", "-p", """{"spec":{"replicas":3}}""");
        var conflict = await Kubectl.RunWithInputAsync(labelled.Replace("replicas: 1", "replicas: 4"), null, "-n", ns, "apply", "--server-side", "-f", "-");
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("Apply failed with 1 conflict: conflict with \"kubectl-patch\" using apps/v1: .spec.replicas", conflict.Stderr);
        Assert.Equal(3, (int?)(await GetJsonAsync(ns, "deploy", "ssa"))["spec"]!["replicas"]);
        await ApplyAsync(ns, labelled.Replace("replicas: 1", "replicas: 4"), "--server-side", "--force-conflicts");

        // A label the manager applied before and applies no more is removed.
        await ApplyAsync(ns, Deployment("ssa", 4), "--server-side");
        var applied = await GetJsonAsync(ns, "deploy", "ssa");
        Assert.Equal(4, (int?)applied["spec"]!["replicas"]);
        Assert.Null(applied["metadata"]!["labels"]?["team"]);

        var managers = JsonNode.Parse(await Kubectl.OkAsync("-n", ns, "get", "deploy", "ssa", "-o", "json", "--show-managed-fields"))!["metadata"]!["managedFields"]!.AsArray();
        Assert.Contains(managers, m => (string?)m!["manager"] == "kubectl" && (string?)m["operation"] == "Apply" && m["fieldsV1"]!["f:spec"]!["f:replicas"] is not null);
    }

    [Fact]
    public async Task Replace_with_a_stale_resource_version_is_a_conflict()
    {
        var ns = await NamespaceAsync("replace");
        await ApplyAsync(ns, Deployment("stale", 1));
        var old = await Kubectl.OkAsync("-n", ns, "get", "deploy", "stale", "-o", "yaml");
        await Kubectl.OkAsync("-n", ns, "scale", "deploy/stale", "--replicas=2");

        var refused = await Kubectl.RunWithInputAsync(old, null, "-n", ns, "replace", "-f", "-");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains(
            "Error from server (Conflict): error when replacing \"STDIN\": Operation cannot be fulfilled on deployments.apps \"stale\": the object has been modified; please apply your changes to the latest version and try again",
            refused.Stderr);
        Assert.Equal(2, (int?)(await GetJsonAsync(ns, "deploy", "stale"))["spec"]!["replicas"]);
    }

    [Fact]
    public async Task Errors_are_the_ones_kubectl_users_know()
    {
        var ns = await NamespaceAsync("errors");
        Assert.Contains("Error from server (NotFound): pods \"missing\" not found", await Kubectl.FailsAsync("-n", ns, "get", "pod", "missing"));

        await ApplyAsync(ns, Deployment("twice", 1));
        var again = await Kubectl.RunWithInputAsync(Deployment("twice", 1), null, "-n", ns, "create", "-f", "-");
        Assert.Contains("Error from server (AlreadyExists): error when creating \"STDIN\": deployments.apps \"twice\" already exists", again.Stderr);

        var invalid = await Kubectl.FailsAsync("-n", ns, "patch", "deploy", "twice", "-p", """{"spec":{"replicas":-4}}""");
        Assert.Contains("The Deployment \"twice\" is invalid: spec.replicas: Invalid value: -4: must be greater than or equal to 0", invalid);

        var missingPath = await Kubectl.FailsAsync("-n", ns, "patch", "deploy", "twice", "--type=json", "-p", """[{"op":"replace","path":"/spec/paused","value":true}]""");
        Assert.Contains("The request is invalid: the server rejected our request due to an error in our request", missingPath);

        var unknown = await Kubectl.RunWithInputAsync(Deployment("typo", 1).Replace("  replicas: 1", "  replicas: 1\n  replicaz: 2"), null, "-n", ns, "apply", "-f", "-");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("strict decoding error: unknown field \"spec.replicaz\"", unknown.Stderr);
        Assert.Contains("(NotFound)", await Kubectl.FailsAsync("-n", ns, "get", "deploy", "typo"));

        Assert.Equal(1, (int?)(await GetJsonAsync(ns, "deploy", "twice"))["spec"]!["replicas"]);
    }

    [Fact]
    public async Task Lists_come_in_chunks_and_select_by_label_and_field()
    {
        var ns = await NamespaceAsync("chunks");
        await ApplyAsync(ns, Deployment("many", 5));
        await Poll.UntilAsync(() => Kubectl.RunAsync("-n", ns, "get", "pods", "--no-headers"), r => Lines(r.Stdout).Count == 5, Deadline);

        var chunked = await Kubectl.OkAsync("-n", ns, "get", "pods", "--chunk-size=2", "-o", "name");
        Assert.Equal(5, Lines(chunked).Distinct().Count());

        var pod = Lines(chunked)[0]["pod/".Length..];
        var byName = await Kubectl.OkAsync("-n", ns, "get", "pods", "--field-selector", $"metadata.name={pod}", "-o", "name");
        Assert.Equal([$"pod/{pod}"], Lines(byName));
        Assert.Empty(Lines(await Kubectl.OkAsync("-n", ns, "get", "pods", "-l", "app=other", "-o", "name")));

        var everywhere = await Kubectl.OkAsync("get", "pods", "-A", "--chunk-size=3", "-o", "name");
        Assert.Equal(Lines(chunked).Order(), Lines(everywhere).Where(l => Lines(chunked).Contains(l)).Order());

        var badField = await Kubectl.FailsAsync("-n", ns, "get", "pods", "--field-selector", "spec.color=blue");
        Assert.Contains("field label not supported: spec.color", badField);
    }

    [Fact]
    public async Task Get_watch_prints_changes_as_they_happen()
    {
        var ns = await NamespaceAsync("watch");
        await ApplyAsync(ns, Deployment("watched", 1));
        using var watch = Kubectl.Start(["-n", ns, "get", "deploy", "-w"]);
        var output = new System.Text.StringBuilder();
        var reading = Task.Run(async () =>
        {
            while (await watch.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        });
        try
        {
            string Seen()
            {
                lock (output)
                {
                    return output.ToString();
                }
            }

            await Poll.UntilAsync(() => Task.FromResult(Seen()), text => text.Contains("watched"), Deadline);
            await Kubectl.OkAsync("-n", ns, "scale", "deploy/watched", "--replicas=2");
            await Poll.UntilAsync(() => Task.FromResult(Seen()), text => text.Contains("2/2"), Deadline);
            Assert.StartsWith("NAME", Seen());
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            await reading;
        }
    }

    [Fact]
    public async Task Logs_are_read_tailed_and_followed_until_the_container_ends()
    {
        var ns = await NamespaceAsync("logs");
        await ApplyAsync(ns, """
            apiVersion: v1
            kind: Pod
            metadata:
              name: counter
            spec:
              restartPolicy: Never
              containers:
              - name: main
                image: busybox
                command: ["/bin/sh", "-c", "for i in 1 2 3; do echo line $i; sleep 1; done"]
            """);
        await Poll.UntilAsync(() => Kubectl.RunAsync("-n", ns, "get", "pod", "counter", "--no-headers"), r => r.Stdout.Contains("Running") || r.Stdout.Contains("Completed"), Deadline);

        var followed = await Kubectl.OkAsync("-n", ns, "logs", "-f", "counter");
        Assert.Equal(["line 1", "line 2", "line 3"], Lines(followed));
        Assert.Equal(["line 3"], Lines(await Kubectl.OkAsync("-n", ns, "logs", "counter", "--tail=1")));
        Assert.Equal(["line 1", "line 2", "line 3"], Lines(await Kubectl.OkAsync("-n", ns, "logs", "counter", "-c", "main")));
        Assert.Contains("container other is not valid for pod counter", await Kubectl.FailsAsync("-n", ns, "logs", "counter", "-c", "other"));
    }

    [Fact]
    public async Task Deleting_a_namespace_waits_until_it_is_gone()
    {
        var ns = await NamespaceAsync("doomed");
        await ApplyAsync(ns, Deployment("inside", 2));

        Assert.Contains($"namespace \"{ns}\" deleted", await Kubectl.OkAsync("delete", "namespace", ns));

        Assert.Contains($"Error from server (NotFound): namespaces \"{ns}\" not found", await Kubectl.FailsAsync("get", "namespace", ns));
    }

    [Fact]
    public async Task Orphaned_pods_stay_when_their_deployment_is_deleted()
    {
        var ns = await NamespaceAsync("orphans");
        await ApplyAsync(ns, Deployment("parent", 2));
        await Poll.UntilAsync(() => Kubectl.RunAsync("-n", ns, "get", "pods", "-o", "name"), r => Lines(r.Stdout).Count == 2, Deadline);

        await Kubectl.OkAsync("-n", ns, "delete", "deploy", "parent", "--cascade=orphan");

        var pods = await Kubectl.OkAsync("-n", ns, "get", "pods", "-o", "json");
        var items = JsonNode.Parse(pods)!["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.All(items, pod => Assert.Null(pod!["metadata"]!["ownerReferences"]));
    }

    [Fact]
    public async Task Explain_reads_the_served_schema()
    {
        var explained = await Kubectl.OkAsync("explain", "deployment.spec");

        Assert.Contains("KIND:       Deployment", explained);
        Assert.Contains("replicas\t<integer>", explained);
        Assert.Contains("template\t<PodTemplateSpec>", explained);
    }

    [Fact]
    public async Task Any_silo_serves_the_whole_cluster()
    {
        var ns = await NamespaceAsync("two-silos");
        await ApplyAsync(ns, Deployment("shared", 1));

        var seen = await cluster.KubectlOnSecond.OkAsync("-n", ns, "get", "deploy", "shared", "-o", "name");
        Assert.Equal("deployment.apps/shared", seen.Trim());

        await cluster.KubectlOnSecond.OkAsync("-n", ns, "scale", "deploy/shared", "--replicas=2");
        Assert.Equal(2, (int?)(await GetJsonAsync(ns, "deploy", "shared"))["spec"]!["replicas"]);
    }

    private async Task<string> NamespaceAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 7)];
        await ApplyAsync(null, $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n");
        return name;
    }

    private async Task<string> ApplyAsync(string? ns, string manifest, params string[] flags)
    {
        string[] args = [.. ns is null ? Array.Empty<string>() : ["-n", ns], "apply", "-f", "-", .. flags];
        var applied = await Kubectl.RunWithInputAsync(manifest, null, args);
        Assert.True(applied.ExitCode == 0, $"kubectl apply: {applied}");
        return applied.Stdout;
    }

    private async Task RolloutStatusAsync(string ns, string name)
    {
        var status = await Kubectl.OkAsync("-n", ns, "rollout", "status", $"deploy/{name}", "--timeout=60s");
        Assert.Contains($"deployment \"{name}\" successfully rolled out", status);
    }

    private async Task<JsonNode> GetJsonAsync(string ns, string kind, string name) =>
        JsonNode.Parse(await Kubectl.OkAsync("-n", ns, "get", kind, name, "-o", "json"))!;

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string Deployment(string name, int replicas) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
        spec:
          replicas: {replicas}
          selector:
            matchLabels: {"{"}app: {name}{"}"}
          template:
            metadata:
              labels: {"{"}app: {name}{"}"}
            spec:
              containers:
              - name: main
                image: sleep
                command: ["/bin/sh", "-c", "while true; do sleep 1; done"]
        """;
}

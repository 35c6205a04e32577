using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OrleansKube.Tests.EndToEnd;

/// <summary>The real silo processes driven by the real <c>okube</c>, as a user would.</summary>
[Collection(SiloClusterCollection.Name)]
public sealed class EndToEndTests(SiloClusterFixture cluster)
{
    private string First => cluster.First.Gateway;

    private string Second => cluster.Second.Gateway;

    [Fact]
    public async Task The_dashboard_answers_on_the_http_port()
    {
        using var http = new HttpClient();

        var page = await http.GetStringAsync($"http://127.0.0.1:{cluster.First.HttpPort}/");

        Assert.Contains("Orleans Dashboard", page);
    }

    [Fact]
    public async Task Applied_objects_are_shown_as_stored_through_any_silo()
    {
        var applied = await Okube.RunAsync(First, "apply", "-f", Path.Combine(Repository.Samples, "demo"));
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Contains("namespace/demo", applied.Stdout);
        Assert.Contains("deployment.apps/web", applied.Stdout);
        Assert.Contains("pod/hello", applied.Stdout);

        var json = await Okube.RunAsync(Second, "get", "deploy", "-n", "demo", "-o", "json");
        Assert.True(json.ExitCode == 0, json.ToString());
        var list = JsonNode.Parse(json.Stdout)!;
        Assert.Equal("List", (string?)list["kind"]);
        var web = list["items"]!.AsArray().Single(item => (string?)item!["metadata"]!["name"] == "web")!;
        Assert.Equal(3, (int?)web["spec"]!["replicas"]);
        Assert.Equal("demo", (string?)web["metadata"]!["namespace"]);
        Assert.False(string.IsNullOrEmpty((string?)web["metadata"]!["uid"]));
        Assert.Equal("100m", (string?)web["spec"]!["template"]!["spec"]!["containers"]![0]!["resources"]!["requests"]!["cpu"]);

        var pods = await Okube.RunAsync(Second, "get", "pods", "-A");
        Assert.True(pods.ExitCode == 0, pods.ToString());
        var header = pods.Stdout.Split('\n')[0];
        Assert.StartsWith("NAMESPACE", header);
        // Pending, or Running if another test has simulated nodes up: the scheduler places it on one.
        Assert.Contains(pods.Stdout.Split('\n'), line => line.StartsWith("demo", StringComparison.Ordinal) && line.Contains("hello"));

        var described = await Okube.RunAsync(First, "describe", "deployment", "web", "-n", "demo");
        Assert.True(described.ExitCode == 0, described.ToString());
        Assert.Contains("Name:", described.Stdout);
        Assert.Contains("web", described.Stdout);
        Assert.Contains("3 desired", described.Stdout);
        Assert.Contains("app=web", described.Stdout);

        var again = await Okube.RunAsync(Second, "apply", "-f", Path.Combine(Repository.Samples, "demo"));
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("deployment.apps/web unchanged", again.Stdout);
    }

    [Fact]
    public async Task An_invalid_manifest_exits_1_naming_the_fields_and_changes_nothing()
    {
        var ns = await CreateNamespaceAsync();
        var valid = Deployment(ns, "keep", replicas: "2");
        Assert.Equal(0, (await Okube.RunWithInputAsync(First, valid, "apply", "-f", "-")).ExitCode);
        var before = await GetJsonAsync("deploy", "keep", ns);

        var invalid = await Okube.RunWithInputAsync(First, Deployment(ns, "keep", replicas: "-1"), "apply", "-f", "-");

        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("error: ", invalid.Stderr);
        Assert.Contains("Deployment \"keep\": spec.replicas: Invalid value: -1: must be greater than or equal to 0", invalid.Stderr);
        var after = await GetJsonAsync("deploy", "keep", ns);
        Assert.Equal(2, (int?)after["spec"]!["replicas"]);
        // The controller may have written the status since; the user's part is untouched.
        Assert.Equal((long?)before["metadata"]!["generation"], (long?)after["metadata"]!["generation"]);
        Assert.Equal(before["spec"]!.ToJsonString(), after["spec"]!.ToJsonString());
    }

    [Fact]
    public async Task A_manifest_with_one_bad_document_applies_none_of_them()
    {
        var ns = await CreateNamespaceAsync();
        var manifest = Deployment(ns, "first", replicas: "1") + "---\n" + Deployment(ns, "second", replicas: "1").Replace("  replicas: 1", "  replica: 1");

        var result = await Okube.RunWithInputAsync(First, manifest, "apply", "-f", "-");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("spec.replica: unknown field \"replica\"", result.Stderr);
        var first = await Okube.RunAsync(Second, "get", "deploy", "first", "-n", ns);
        Assert.Equal(1, first.ExitCode);
        Assert.Contains("deployments.apps \"first\" not found", first.Stderr);
    }

    [Fact]
    public async Task Delete_removes_an_object_and_a_second_delete_is_an_error()
    {
        var ns = await CreateNamespaceAsync();
        Assert.Equal(0, (await Okube.RunWithInputAsync(First, Deployment(ns, "gone", replicas: "1"), "apply", "-f", "-")).ExitCode);

        var deleted = await Okube.RunAsync(Second, "delete", "deployment", "gone", "-n", ns);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.Contains("\"gone\" deleted", deleted.Stdout);

        var again = await Okube.RunAsync(First, "delete", "deployment", "gone", "-n", ns);
        Assert.Equal(1, again.ExitCode);
        Assert.Equal("error: deployments.apps \"gone\" not found", again.Stderr.Trim());

        var namespaceDeleted = await Okube.RunAsync(First, "delete", "namespace", ns);
        Assert.True(namespaceDeleted.ExitCode == 0, namespaceDeleted.ToString());
        Assert.Equal(1, (await Okube.RunAsync(Second, "get", "ns", ns)).ExitCode);
    }

    [Fact]
    public async Task Get_watch_prints_objects_created_after_it_started()
    {
        var ns = await CreateNamespaceAsync();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Repository.ClientAssembly, "--gateway", Second, "get", "deploy", "-n", ns, "-w" })
        {
            info.ArgumentList.Add(arg);
        }

        using var watch = Process.Start(info)!;
        var lines = new List<string>();
        watch.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (lines)
                {
                    lines.Add(e.Data);
                }
            }
        };
        watch.BeginOutputReadLine();
        try
        {
            // The watch has started once it reported the empty namespace; only then create.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            var stderrLine = watch.StandardError.ReadLineAsync();
            Assert.True(await Task.WhenAny(stderrLine, Task.Delay(TimeSpan.FromSeconds(30))) == stderrLine, "watch did not report the empty list");
            Assert.Contains("No resources found", await stderrLine);

            Assert.Equal(0, (await Okube.RunWithInputAsync(First, Deployment(ns, "late", replicas: "1"), "apply", "-f", "-")).ExitCode);

            while (DateTime.UtcNow < deadline && !Seen(lines, "late"))
            {
                await Task.Delay(100);
            }

            Assert.True(Seen(lines, "late"), "the watch never printed the new deployment: " + string.Join('\n', lines));
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            await watch.WaitForExitAsync();
        }
    }

    private static bool Seen(List<string> lines, string name)
    {
        lock (lines)
        {
            return lines.Any(line => line.StartsWith(name + " ", StringComparison.Ordinal));
        }
    }

    private async Task<string> CreateNamespaceAsync()
    {
        var name = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        var created = await Okube.RunAsync(First, "create", "namespace", name);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Equal($"namespace/{name} created", created.Stdout.Trim());
        return name;
    }

    private async Task<JsonNode> GetJsonAsync(string kind, string name, string ns)
    {
        var result = await Okube.RunAsync(Second, "get", kind, name, "-n", ns, "-o", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.Stdout)!;
    }

    private static string Deployment(string ns, string name, string replicas) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
                - name: main
                  image: busybox:1.36
                  command: ["sleep", "3600"]

        """;
}

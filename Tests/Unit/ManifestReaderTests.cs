using OrleansKube.Kinds.Manifests;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Pods;

namespace OrleansKube.Tests.Unit;

public sealed class ManifestReaderTests
{
    private const string App = """
        # the whole app
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
        ---
        ---
        # only a comment
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
          labels: {app: web}
        spec:
          replicas: 3
          selector:
            matchLabels:
              app: web
          strategy:
            rollingUpdate:
              maxSurge: 1
              maxUnavailable: "50%"
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: nginx:1.27
                command: ["sleep", "3600"]
                ports:
                - containerPort: 80
                  name: http
                resources:
                  requests: {cpu: 250m, memory: 64Mi}
                  limits:
                    cpu: 0.5
                    memory: 1e3
                env:
                - name: GREETING
                  value: |
                    hello
                    world
        ...
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: lone}
        spec:
          containers: [{name: c, image: busybox}]
        """;

    [Fact]
    public void Reads_every_document_of_a_yaml_stream_in_order_skipping_empty_ones()
    {
        var objects = ManifestReader.Read(App, "app.yaml");

        Assert.Collection(objects,
            o => Assert.Equal("shop", Assert.IsType<Namespace>(o).Metadata.Name),
            o => Assert.Equal("web", Assert.IsType<Deployment>(o).Metadata.Name),
            o => Assert.Equal("lone", Assert.IsType<Pod>(o).Metadata.Name));
        var deployment = (Deployment)objects[1];
        Assert.Equal(3, deployment.Spec.Replicas);
        Assert.Equal("web", deployment.Spec.Selector!.MatchLabels["app"]);
        Assert.Equal(1, deployment.Spec.Strategy!.RollingUpdate!.MaxSurge!.Value.IntValue);
        Assert.Equal("50%", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable!.Value.StringValue);
        var container = deployment.Spec.Template.Spec.Containers[0];
        Assert.Equal(["sleep", "3600"], container.Command);
        Assert.Equal(80, container.Ports[0].Number);
        Assert.Equal("250m", container.Resources.Requests["cpu"].ToString());
        Assert.Equal("0.5", container.Resources.Limits["cpu"].ToString());
        Assert.Equal("1e3", container.Resources.Limits["memory"].ToString());
        Assert.Equal("hello\nworld\n", container.Env[0].Value);
    }

    [Fact]
    public void Reads_a_single_json_object()
    {
        var objects = ManifestReader.Read("""
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
             "spec": {"containers": [{"name": "c", "image": "busybox", "resources": {"limits": {"cpu": 0.50}}}]}}
            """, "pod.json");

        var pod = Assert.IsType<Pod>(Assert.Single(objects));
        Assert.Equal("0.50", pod.Spec.Containers[0].Resources.Limits["cpu"].ToString());
    }

    [Fact]
    public void Reads_concatenated_json_objects()
    {
        var objects = ManifestReader.Read("""
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}}
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "b"}}
            """, "ns.json");

        Assert.Equal(["a", "b"], objects.Select(o => o.Metadata.Name));
    }

    [Theory]
    [InlineData("""{"apiVersion": "v1", "kind": "List", "metadata": {}, "items": [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}}, {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}}]}""")]
    [InlineData("apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Namespace, metadata: {name: a}}\n- apiVersion: v1\n  kind: Node\n  metadata: {name: n1}\n")]
    public void Flattens_a_v1_list(string text)
    {
        var objects = ManifestReader.Read(text, "list");

        Assert.Equal(["Namespace/a", "Node/n1"], objects.Select(o => $"{o.Kind}/{o.Metadata.Name}"));
    }

    [Theory]
    [InlineData("\uFEFF{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"a\"}}")]
    [InlineData("\uFEFFapiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: a\r\n  labels: {x: \"1\"}\r\n")]
    public void Byte_order_marks_and_windows_line_ends_are_fine(string text)
    {
        Assert.Equal("a", Assert.Single(ManifestReader.Read(text, "w")).Metadata.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("# nothing here\n")]
    [InlineData("---\n---\n...\n")]
    [InlineData("~\n")]
    public void Empty_files_hold_no_objects(string text)
    {
        Assert.Empty(ManifestReader.Read(text, "empty.yaml"));
    }

    [Fact]
    public void Anchors_and_merge_keys_are_resolved_with_written_keys_winning()
    {
        var objects = ManifestReader.Read("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              labels: &labels {app: web, tier: front}
              annotations:
                <<: *labels
                tier: back
            spec:
              containers:
              - &c {name: a, image: busybox}
              - <<: *c
                name: b
            """, "p.yaml");

        var pod = Assert.IsType<Pod>(Assert.Single(objects));
        Assert.Equal("back", pod.Metadata.Annotations["tier"]);
        Assert.Equal("web", pod.Metadata.Annotations["app"]);
        Assert.Equal(["a", "b"], pod.Spec.Containers.Select(c => c.Name));
        Assert.Equal(["busybox", "busybox"], pod.Spec.Containers.Select(c => c.Image));
    }

    [Fact]
    public void Null_fields_count_as_absent()
    {
        var objects = ManifestReader.Read("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: ~
            spec:
              replicas: null
              strategy:
              template:
                spec:
                  containers:
                  - name: web
                    image: nginx
                    env:
            """, "d.yaml");

        var deployment = Assert.IsType<Deployment>(Assert.Single(objects));
        Assert.Empty(deployment.Metadata.Labels);
        Assert.Null(deployment.Spec.Replicas);
        Assert.Null(deployment.Spec.Strategy);
        Assert.Empty(deployment.Spec.Template.Spec.Containers[0].Env);
    }

    [Theory]
    [InlineData("~", "null")]
    [InlineData("null", "null")]
    [InlineData("Null", "null")]
    [InlineData("NULL", "null")]
    [InlineData("", "null")]
    [InlineData("true", "true")]
    [InlineData("True", "true")]
    [InlineData("TRUE", "true")]
    [InlineData("yes", "true")]
    [InlineData("Yes", "true")]
    [InlineData("on", "true")]
    [InlineData("ON", "true")]
    [InlineData("false", "false")]
    [InlineData("no", "false")]
    [InlineData("NO", "false")]
    [InlineData("off", "false")]
    [InlineData("Off", "false")]
    [InlineData("123", "123")]
    [InlineData("-5", "-5")]
    [InlineData("+5", "5")]
    [InlineData("0", "0")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("017", "15")]
    [InlineData("1_000", "1000")]
    [InlineData("99999999999999999999", "99999999999999999999")]
    [InlineData("1.5", "1.5")]
    [InlineData("1e3", "1e3")]
    [InlineData("-2.5E-3", "-2.5E-3")]
    [InlineData(".5", "0.5")]
    [InlineData("08", "8")]
    [InlineData("'123'", "\"123\"")]
    [InlineData("\"true\"", "\"true\"")]
    [InlineData("''", "\"\"")]
    [InlineData("!!str 12", "\"12\"")]
    [InlineData("!!int \"12\"", "12")]
    [InlineData("!!float 1", "1")]
    [InlineData("!custom text", "\"text\"")]
    [InlineData("2024-01-02", "\"2024-01-02\"")]
    [InlineData("y", "\"y\"")]
    [InlineData("TrUe", "\"TrUe\"")]
    [InlineData("0x", "\"0x\"")]
    [InlineData("1a", "\"1a\"")]
    [InlineData("1.2.3", "\"1.2.3\"")]
    [InlineData("_1", "\"_1\"")]
    [InlineData("nginx:1.27", "\"nginx:1.27\"")]
    [InlineData("[a, 1, yes]", "[\"a\",1,true]")]
    [InlineData("{a: off}", "{\"a\":false}")]
    public void Plain_scalars_are_typed_as_kubernetes_reads_yaml(string yaml, string json)
    {
        var errors = new List<string>();

        var documents = YamlDocumentReader.Read($"v: {yaml}\n", "t.yaml", errors);

        Assert.Empty(errors);
        var value = Assert.IsType<System.Text.Json.Nodes.JsonObject>(Assert.Single(documents).Root)["v"];
        Assert.Equal(json, value?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Keys_are_kept_as_written()
    {
        var errors = new List<string>();

        var documents = YamlDocumentReader.Read("on: 1\n123: 2\n'x': 3\n", "t.yaml", errors);

        Assert.Empty(errors);
        Assert.Equal("""{"on":1,"123":2,"x":3}""", Assert.Single(documents).Root!.ToJsonString());
    }
}

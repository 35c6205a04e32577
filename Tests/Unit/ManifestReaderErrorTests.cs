using OrleansKube.Kinds.Manifests;

namespace OrleansKube.Tests.Unit;

public sealed class ManifestReaderErrorTests
{
    private const string PodHead = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n";
    private const string DeploymentHead = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n";

    [Theory]
    [InlineData(DeploymentHead + "spec:\n  foo: 1\n", "Deployment \"web\": spec.foo: unknown field \"foo\"")]
    [InlineData(DeploymentHead + "spec:\n  replicas: \"3\"\n", "Deployment \"web\": spec.replicas: Invalid value: \"3\": must be an integer")]
    [InlineData(DeploymentHead + "spec:\n  replicas: 1.5\n", "Deployment \"web\": spec.replicas: Invalid value: 1.5: must be an integer")]
    [InlineData(DeploymentHead + "spec:\n  replicas: 99999999999\n", "Deployment \"web\": spec.replicas: Invalid value: 99999999999: must be between -2147483648 and 2147483647, inclusive")]
    [InlineData(DeploymentHead + "spec:\n  paused: \"yes\"\n", "Deployment \"web\": spec.paused: Invalid value: \"yes\": must be a boolean")]
    [InlineData(DeploymentHead + "spec:\n  strategy:\n    rollingUpdate:\n      maxSurge: true\n", "Deployment \"web\": spec.strategy.rollingUpdate.maxSurge: Invalid value: true: must be an integer or a string")]
    [InlineData(DeploymentHead + "spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        colour: red\n", "Deployment \"web\": spec.template.spec.containers[0].colour: unknown field \"colour\"")]
    [InlineData(DeploymentHead + "spec:\n  selector:\n    matchExpressions:\n    - {key: a, operator: In, values: [1]}\n", "Deployment \"web\": spec.selector.matchExpressions[0].values[0]: Invalid value: 1: must be a string")]
    [InlineData(PodHead + "spec:\n  containers: {name: a}\n", "Pod \"p\": spec.containers: Invalid value: {\"name\":\"a\"}: must be a list")]
    [InlineData(PodHead + "spec:\n  containers: [a]\n", "Pod \"p\": spec.containers[0]: Invalid value: \"a\": must be an object")]
    [InlineData(PodHead + "spec:\n  containers: [~]\n", "Pod \"p\": spec.containers[0]: Invalid value: null: must be an object")]
    [InlineData(PodHead + "spec: running\n", "Pod \"p\": spec: Invalid value: \"running\": must be an object")]
    [InlineData(PodHead + "  labels:\n    app: 1\n", "Pod \"p\": metadata.labels[app]: Invalid value: 1: must be a string")]
    [InlineData(PodHead + "  labels:\n    app.kubernetes.io/name: [x]\n", "Pod \"p\": metadata.labels[app.kubernetes.io/name]: Invalid value: [\"x\"]: must be a string")]
    [InlineData(PodHead + "  creationTimestamp: yesterday\n", "Pod \"p\": metadata.creationTimestamp: Invalid value: \"yesterday\": must be an RFC 3339 timestamp such as \"2024-01-02T15:04:05Z\"")]
    [InlineData(PodHead + "spec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: \"80\"\n", "Pod \"p\": spec.containers[0].ports[0].containerPort: Invalid value: \"80\": must be an integer")]
    [InlineData(PodHead + "spec:\n  containers:\n  - name: a\n    command: [sh, 1]\n", "Pod \"p\": spec.containers[0].command[1]: Invalid value: 1: must be a string")]
    [InlineData(PodHead + "spec:\n  containers:\n  - name: a\n    resources:\n      limits: {cpu: abc}\n", "Pod \"p\": spec.containers[0].resources.limits[cpu]: Invalid value: \"abc\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    [InlineData(PodHead + "spec:\n  containers:\n  - name: a\n    resources:\n      limits: {cpu: [1]}\n", "Pod \"p\": spec.containers[0].resources.limits[cpu]: Invalid value: [1]: must be a quantity such as \"100m\" or \"128Mi\"")]
    [InlineData(PodHead + "spec:\n  containers:\n  - name: a\n    livenessProbe:\n      httpGet: {port: 1.5}\n", "Pod \"p\": spec.containers[0].livenessProbe.httpGet.port: Invalid value: 1.5: must be an integer or a string")]
    [InlineData(PodHead + "status:\n  phase: Running\n  bogus: 1\n", "Pod \"p\": status.bogus: unknown field \"bogus\"")]
    [InlineData(PodHead + "spec:\n  containers:\n  - name: a\n    env:\n    - name: N\n      value: 123\n", "Pod \"p\": spec.containers[0].env[0].value: Invalid value: 123: must be a string")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: p-\n  foo: 1\n", "m.yaml: document 1 (Pod): metadata.foo: unknown field \"foo\"")]
    [InlineData("apiVersion: v1\nkind: Pod\nextra: 1\n", "m.yaml: document 1 (Pod): extra: unknown field \"extra\"")]
    [InlineData("""{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"foo": {}}}""", "Pod \"p\": spec.foo: unknown field \"foo\"")]
    [InlineData("kind: Pod\nmetadata: {name: p}\n", "m.yaml: document 1: apiVersion not set")]
    [InlineData("apiVersion: v1\nmetadata: {name: p}\n", "m.yaml: document 1: kind not set")]
    [InlineData("apiVersion: v1\nkind: ''\n", "m.yaml: document 1: kind not set")]
    [InlineData("apiVersion: 1\nkind: Pod\n", "m.yaml: document 1: apiVersion must be a string, found 1")]
    [InlineData("apiVersion: bar/v1\nkind: Foo\n", "m.yaml: document 1: no matches for kind \"Foo\" in version \"bar/v1\"")]
    [InlineData("apiVersion: v1\nkind: Deployment\n", "m.yaml: document 1: no matches for kind \"Deployment\" in version \"v1\"")]
    [InlineData("apiVersion: apps/v1beta1\nkind: Deployment\n", "m.yaml: document 1: no matches for kind \"Deployment\" in version \"apps/v1beta1\"")]
    [InlineData("apiVersion: v2\nkind: List\n", "m.yaml: document 1: no matches for kind \"List\" in version \"v2\"")]
    [InlineData("- a\n- b\n", "m.yaml: document 1: expected an object with apiVersion and kind, found a list")]
    [InlineData("hello\n", "m.yaml: document 1: expected an object with apiVersion and kind, found \"hello\"")]
    [InlineData("apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n", "m.yaml: line 5: key \"name\" already set in map")]
    [InlineData("{\"apiVersion\": \"v1\",\n \"kind\": \"Pod\",\n \"kind\": \"Node\"}", "m.yaml: line 3: key \"kind\" already set in map")]
    [InlineData("apiVersion: v1\nkind: Pod\nspec: {a: .inf}\n", "m.yaml: line 3: .inf cannot be represented in JSON")]
    [InlineData("apiVersion: v1\nkind: Pod\nspec: !!int abc\n", "m.yaml: line 3: cannot read \"abc\" as !!int")]
    [InlineData("apiVersion: v1\nkind: Pod\nspec: *nowhere\n", "m.yaml: line 3, column 7: unknown anchor 'nowhere' referenced")]
    [InlineData("apiVersion: v1\nkind: Pod\n[a]: b\n", "m.yaml: line 3: mapping keys must be strings, not lists or maps")]
    [InlineData("apiVersion: v1\nkind: List\nitems: {}\n", "m.yaml: document 1 (List): items: Invalid value: {}: must be a list")]
    [InlineData("apiVersion: v1\nkind: List\nitems: [{kind: Pod}]\n", "m.yaml: document 1, item 1: apiVersion not set")]
    [InlineData("apiVersion: v1\nkind: List\nitems: []\ncolour: red\n", "m.yaml: document 1 (List): colour: unknown field \"colour\"")]
    public void Reports_the_problem_with_its_object_and_field(string text, string expected)
    {
        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(text, "m.yaml"));

        Assert.Equal([expected], error.Errors);
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Collects_errors_from_every_document_before_giving_up()
    {
        const string Text = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: fine}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: a}
            spec: {foo: 1, bar: 2}
            ---
            kind: Pod
            ---
            apiVersion: v1
            kind: Node
            metadata: {name: n, name: m}
            """;

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(Text, "all.yaml"));

        Assert.Equal(
            [
                "all.yaml: line 14: key \"name\" already set in map",
                "Pod \"a\": spec.foo: unknown field \"foo\"",
                "Pod \"a\": spec.bar: unknown field \"bar\"",
                "all.yaml: document 3: apiVersion not set",
            ],
            error.Errors);
        Assert.Equal(string.Join(Environment.NewLine, error.Errors), error.Message);
    }

    [Theory]
    [InlineData("a: 1\n b: 2\n", "m.yaml: line 2, column ")]
    [InlineData("a: [1, 2\n", "m.yaml: line ")]
    [InlineData("a:\n\tb: 2\n", "m.yaml: line 1, column 1: While scanning a mapping, found invalid tab as indentation.")]
    [InlineData("{\"a\": 1}\n{\"b\": [1, 2}", "m.yaml: line 2: invalid JSON: ")]
    [InlineData("{\"a\": }", "m.yaml: line 1: invalid JSON: ")]
    public void Syntax_errors_name_the_line(string text, string start)
    {
        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(text, "m.yaml"));

        // Documents read before the syntax error are still checked and reported too.
        Assert.Single(error.Errors, e => e.StartsWith(start, StringComparison.Ordinal));
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concatenated_json_numbers_documents_in_order()
    {
        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(
            """{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}} {"apiVersion": "v1", "metadata": {"name": "b"}}""", "two.json"));

        Assert.Equal(["two.json: document 2: kind not set"], error.Errors);
    }

    [Fact]
    public void Aliases_cannot_blow_a_small_file_up()
    {
        var text = new System.Text.StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(text.ToString(), "bomb.yaml"));

        Assert.EndsWith("aliases expand the document beyond 1000000 nodes", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_is_limited_like_json()
    {
        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read("x: " + new string('[', 100) + new string(']', 100), "deep.yaml"));

        Assert.EndsWith("the document is nested deeper than 64 levels", Assert.Single(error.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_values_are_quoted_the_way_go_quotes_them()
    {
        var error = Assert.Throws<ManifestException>(() => ManifestReader.Read(
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  restartPolicy: [\"a\\tb\\\"c\\\\\\u0007é\"]\n", "q.yaml"));

        Assert.Equal("Pod \"p\": spec.restartPolicy: Invalid value: [\"a\\tb\\\"c\\\\\\u0007é\"]: must be a string", Assert.Single(error.Errors));
    }
}

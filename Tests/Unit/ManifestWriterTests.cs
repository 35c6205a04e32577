using System.Text.Json.Nodes;
using OrleansKube.Kinds.Manifests;
using OrleansKube.Model;
using OrleansKube.Serialization;

namespace OrleansKube.Tests.Unit;

public sealed class ManifestWriterTests
{
    [Fact]
    public void Lays_out_yaml_like_kubectl()
    {
        var node = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"}},
             "spec":{"containers":[{"name":"web","image":"nginx:1.27","command":["sh","-c","echo hi"],
               "ports":[{"containerPort":80,"protocol":"TCP"}],"env":[]}],"nodeSelector":{}},
             "status":{"phase":"Running","ready":true,"ratio":0.5,"nothing":null}}
            """)!;

        Assert.Equal("""
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: nginx:1.27
                command:
                - sh
                - "-c"
                - echo hi
                ports:
                - containerPort: 80
                  protocol: TCP
                env: []
              nodeSelector: {}
            status:
              phase: Running
              ready: true
              ratio: 0.5
              nothing: null

            """.Replace("\r\n", "\n", StringComparison.Ordinal), ManifestWriter.ToYaml(node));
    }

    [Theory]
    [InlineData("""{"a":[[1,2],[],[{"b":1,"c":[3]}]]}""", "a:\n- - 1\n  - 2\n- []\n- - b: 1\n    c:\n    - 3\n")]
    [InlineData("""[1,{"a":"x"}]""", "- 1\n- a: x\n")]
    [InlineData("""{}""", "{}\n")]
    [InlineData("\"text\"", "text\n")]
    [InlineData("""{"script":"echo a\necho b\n"}""", "script: |\n  echo a\n  echo b\n")]
    [InlineData("""{"l":["x\ny"]}""", "l:\n- |-\n  x\n  y\n")]
    [InlineData("""{"keep":"x\n\n"}""", "keep: |+\n  x\n\n")]
    [InlineData("""{"on":1,"a b":2,"":3,"x:":4}""", "\"on\": 1\na b: 2\n\"\": 3\n\"x:\": 4\n")]
    public void Writes_structures_and_block_text(string json, string yaml)
    {
        Assert.Equal(yaml, ManifestWriter.ToYaml(JsonNode.Parse(json)!));
    }

    [Theory]
    [InlineData("web", "web")]
    [InlineData("nginx:1.27", "nginx:1.27")]
    [InlineData("/bin/sh", "/bin/sh")]
    [InlineData("a,b", "a,b")]
    [InlineData("50%", "50%")]
    [InlineData("true", "\"true\"")]
    [InlineData("no", "\"no\"")]
    [InlineData("y", "\"y\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("", "\"\"")]
    [InlineData("123", "\"123\"")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData(".inf", "\".inf\"")]
    [InlineData(" lead", "\" lead\"")]
    [InlineData("trail ", "\"trail \"")]
    [InlineData("a: b", "\"a: b\"")]
    [InlineData("a #b", "\"a #b\"")]
    [InlineData("#c", "\"#c\"")]
    [InlineData("- a", "\"- a\"")]
    [InlineData("*x", "\"*x\"")]
    [InlineData("say \"hi\"", "say \"hi\"")]
    [InlineData("'q'", "\"'q'\"")]
    [InlineData("2024-01-02T03:04:05Z", "\"2024-01-02T03:04:05Z\"")]
    [InlineData("a\tb", "\"a\\tb\"")]
    [InlineData(" x\ny", "\" x\\ny\"")]
    [InlineData("x \ny", "\"x \\ny\"")]
    [InlineData("x\r\ny", "\"x\\r\\ny\"")]
    [InlineData("bell\u0007", "\"bell\\a\"")]
    [InlineData("C:\\dir", "C:\\dir")]
    [InlineData("\"q\\", "\"\\\"q\\\\\"")]
    public void Quotes_strings_that_would_read_back_as_something_else(string text, string yaml)
    {
        Assert.Equal($"v: {yaml}\n", ManifestWriter.ToYaml(new JsonObject { ["v"] = text }));
    }

    public static TheoryData<string> TrickyStrings => new()
    {
        "true", "False", "yes", "NO", "on", "Off", "y", "n", "~", "null", "Null", "", " ", " lead", "trail ", "123", "-7", "+7",
        "0x1F", "0o17", "017", "08", "1_000", "1e3", "1.5", ".5", "5.", ".inf", "-.Inf", ".nan", "-", "--", "---", "...", "?", "- a",
        "a: b", "a:b", "key:", "a #b", "a#b", "#c", "@x", "`x", "%x", "!x", "&x", "*x", "|", ">", "'q'", "\"dq\"", "{a}", "[a]",
        "a,b", ",", "line1\nline2", "line1\nline2\n", "l1\n\nl2\n\n", "\n", "\n\n", "\nx", "x\n ", "\ttab", "a\tb", "trailing \nspace",
        " first\nsecond", "x\r\ny", "\u0001\u007f\u0085", "\u2028", "\ufeffbom", "é ü 日本", "😀 emoji", "<<", "=", "a\\b", "C:\\path",
        "2024-01-02", "2024-01-02T03:04:05Z", "12:30", "1:20:30", "0.1.2", "http://x:80/#frag", "  indented\n  block\n",
    };

    [Theory]
    [MemberData(nameof(TrickyStrings))]
    public void Tricky_strings_survive_a_round_trip_as_values_and_keys(string text)
    {
        var node = new JsonObject { ["value"] = text, ["list"] = new JsonArray(text, new JsonObject { [text] = text }) };

        AssertRoundTrip(node);
    }

    [Theory]
    [InlineData("""{"n":[0,-1,1.5,1e3,-2.5E-3,12345678901234567890],"b":[true,false],"z":null,"e":{},"a":[]}""")]
    [InlineData("""{"deep":{"deeper":[{"deepest":[[["x"]]]}]}}""")]
    public void Any_json_survives_a_round_trip(string json)
    {
        AssertRoundTrip(JsonNode.Parse(json)!);
    }

    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Objects_read_back_equal_from_their_yaml(string name)
    {
        var original = Samples.Named(name);

        var yaml = ManifestWriter.ToYaml(KubeJson.ToNode(original));
        var read = Assert.Single(ManifestReader.Read(yaml, name));

        Assert.Equal(KubeJson.Serialize(original), KubeJson.Serialize(read));
    }

    [Fact]
    public void Quantities_keep_their_notation_through_yaml()
    {
        var deployment = OrleansKube.Kinds.Validation.ObjectDefaults.Apply(Samples.Deployment());

        var yaml = ManifestWriter.ToYaml(KubeJson.ToNode(deployment));

        Assert.Contains("cpu: 250m\n", yaml, StringComparison.Ordinal);
        Assert.Contains("cpu: \"1\"\n", yaml, StringComparison.Ordinal);
        Assert.Contains("maxSurge: 1\n", yaml, StringComparison.Ordinal);
        Assert.Contains("maxUnavailable: 25%\n", yaml, StringComparison.Ordinal);
        Assert.Equal(Quantity.Parse("1"), ((Model.Deployments.Deployment)ManifestReader.Read(yaml, "d")[0]).Spec.Template.Spec.Containers[0].Resources.Limits["cpu"]);
    }

    private static void AssertRoundTrip(JsonNode node)
    {
        var errors = new List<string>();
        var yaml = ManifestWriter.ToYaml(node);

        var documents = YamlDocumentReader.Read(yaml, "t.yaml", errors);

        Assert.Empty(errors);
        Assert.Equal(node.ToJsonString(), Assert.Single(documents).Root?.ToJsonString());
    }
}

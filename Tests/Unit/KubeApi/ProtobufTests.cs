using System.Text;
using System.Text.Json.Nodes;
using OrleansKube.Silo.KubeApi;

namespace OrleansKube.Tests.Unit.KubeApi;

/// <summary>Kubernetes' protobuf bodies, built here field by field as Go's generated code writes them.</summary>
public sealed class ProtobufTests
{
    [Fact]
    public void A_deployment_becomes_the_json_it_stands_for()
    {
        var metadata = Message((1, Text("web")), (4, Text("")), (7, Varint(0)), (8, Message()), (11, Message((1, Text("app")), (2, Text("web")))));
        var container = Message((1, Text("main")), (2, Text("sleep")), (3, Text("sh")), (3, Text("-c")), (8, Message((2, Message((1, Text("cpu")), (2, Message((1, Text("100m")))))))));
        var template = Message((1, Message((11, Message((1, Text("app")), (2, Text("web")))))), (2, Message((2, container), (3, Text("Always")), (6, Text("")))));
        var strategy = Message((1, Text("RollingUpdate")), (2, Message((1, Message((1, Varint(1)), (3, Text("25%")))), (2, Message((2, Varint(2)))))));
        var spec = Message((1, Varint(0)), (2, Message((1, Message((1, Text("app")), (2, Text("web")))))), (3, template), (4, strategy), (5, Varint(0)), (7, Varint(0)));
        var deployment = Message((1, metadata), (2, spec), (3, Message((1, Varint(0)))));

        var node = Protobuf.Decode(Envelope("apps/v1", "Deployment", deployment));

        var expected = JsonNode.Parse("""
            {"metadata":{"name":"web","labels":{"app":"web"}},
             "spec":{"replicas":0,"selector":{"matchLabels":{"app":"web"}},
               "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"main","image":"sleep","command":["sh","-c"],"resources":{"requests":{"cpu":"100m"}}}],"restartPolicy":"Always"}},
               "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":2}}},
             "status":{},"apiVersion":"apps/v1","kind":"Deployment"}
            """);
        Assert.True(JsonNode.DeepEquals(expected, node), node.ToJsonString());
    }

    [Fact]
    public void A_probe_handler_is_inlined_as_in_json()
    {
        var probe = Message((1, Message((2, Message((1, Text("/healthz")), (2, Message((3, Text("http")), (1, Varint(1)))))))), (4, Varint(5)));
        var pod = Message((1, Message((1, Text("p")))), (2, Message((2, Message((1, Text("c")), (11, probe))))));

        var node = Protobuf.Decode(Envelope("v1", "Pod", pod));

        var readiness = node["spec"]!["containers"]![0]!["readinessProbe"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"httpGet":{"path":"/healthz","port":"http"},"periodSeconds":5}"""), readiness), readiness.ToJsonString());
    }

    [Theory]
    [InlineData("v1", "Secret", "UnsupportedMediaType")]
    [InlineData("v1", "Namespace", "BadRequest")]
    public void Bodies_it_cannot_read_are_refused(string apiVersion, string kind, string reason)
    {
        // Field 99 of a namespace is not one Kubernetes has.
        var refused = Assert.Throws<ApiStatusException>(() => Protobuf.Decode(Envelope(apiVersion, kind, Message((99, Text("x"))))));

        Assert.Equal(reason, refused.Status.Reason);
    }

    [Fact]
    public void A_body_cut_short_is_refused()
    {
        var body = Envelope("v1", "Namespace", Message((1, Message((1, Text("team"))))));

        var refused = Assert.Throws<ApiStatusException>(() => Protobuf.Decode(body[..^3]));

        Assert.Equal("BadRequest", refused.Status.Reason);
    }

    private static byte[] Envelope(string apiVersion, string kind, (int Wire, byte[] Bytes) raw) =>
        [.. "k8s\0"u8, .. Message((1, Message((1, Text(apiVersion)), (2, Text(kind)))), (2, raw)).Bytes];

    // A field is its number with a value already encoded: a varint (wire type 0) or length-delimited bytes (wire type 2),
    // which a message is as another message's field.
    private static (int Wire, byte[] Bytes) Message(params (int Number, (int Wire, byte[] Bytes) Value)[] fields) =>
        (2, [.. fields.SelectMany(f => (byte[])[.. EncodeVarint((ulong)((f.Number << 3) | f.Value.Wire)), .. f.Value.Wire == 2 ? EncodeVarint((ulong)f.Value.Bytes.Length) : [], .. f.Value.Bytes])]);

    private static (int, byte[]) Text(string text) => (2, Encoding.UTF8.GetBytes(text));

    private static (int, byte[]) Varint(ulong value) => (0, EncodeVarint(value));

    private static byte[] EncodeVarint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }
}

using System.Text.Json.Nodes;
using OrleansKube.Api;
using OrleansKube.Silo.KubeApi;

namespace OrleansKube.Tests.Unit.KubeApi;

/// <summary>The three patch kinds on the JSON of a stored object, with Kubernetes' merge keys for strategic merges.</summary>
public sealed class PatchesTests
{
    private const string Deployment = """
        {"spec":{"replicas":1,"template":{"spec":{"containers":[
          {"name":"web","image":"web:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80}]},
          {"name":"side","image":"side:1"}]}}},
         "metadata":{"name":"d","labels":{"app":"d","tier":"x"},"finalizers":["a"]}}
        """;

    [Theory]
    // Lists with a merge key merge by it: the patched container changes, the other stays.
    [InlineData("StrategicMerge", """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"web:2"}]}}}}""",
        """{"spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"web","image":"web:2","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80}]},{"name":"side","image":"side:1"}]}}},"metadata":{"name":"d","labels":{"app":"d","tier":"x"},"finalizers":["a"]}}""")]
    // env by name: kubectl set env adds one and keeps the rest.
    [InlineData("StrategicMerge", """{"spec":{"template":{"spec":{"containers":[{"name":"web","env":[{"name":"C","value":"3"},{"name":"A","value":"9"}]}]}}}}""",
        """{"spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"web","image":"web:1","env":[{"name":"A","value":"9"},{"name":"B","value":"2"},{"name":"C","value":"3"}],"ports":[{"containerPort":80}]},{"name":"side","image":"side:1"}]}}},"metadata":{"name":"d","labels":{"app":"d","tier":"x"},"finalizers":["a"]}}""")]
    // $patch: delete removes the element with that key.
    [InlineData("StrategicMerge", """{"spec":{"template":{"spec":{"containers":[{"name":"side","$patch":"delete"}]}}}}""",
        """{"spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"web","image":"web:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80}]}]}}},"metadata":{"name":"d","labels":{"app":"d","tier":"x"},"finalizers":["a"]}}""")]
    // null deletes a field; finalizers merge as a set.
    [InlineData("StrategicMerge", """{"metadata":{"labels":{"tier":null},"finalizers":["b"]}}""",
        """{"spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"web","image":"web:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80}]},{"name":"side","image":"side:1"}]}}},"metadata":{"name":"d","labels":{"app":"d"},"finalizers":["a","b"]}}""")]
    // A JSON merge patch replaces lists whole.
    [InlineData("Merge", """{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"o"}]}}},"metadata":{"labels":{"tier":null}}}""",
        """{"spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"only","image":"o"}]}}},"metadata":{"name":"d","labels":{"app":"d"},"finalizers":["a"]}}""")]
    // A JSON patch does exactly its operations.
    [InlineData("Json", """[{"op":"replace","path":"/spec/replicas","value":4},{"op":"remove","path":"/metadata/labels/tier"},{"op":"add","path":"/metadata/finalizers/-","value":"z"}]""",
        """{"spec":{"replicas":4,"template":{"spec":{"containers":[{"name":"web","image":"web:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80}]},{"name":"side","image":"side:1"}]}}},"metadata":{"name":"d","labels":{"app":"d"},"finalizers":["a","z"]}}""")]
    public void Patches_the_stored_json(string type, string patch, string expected)
    {
        var patched = Patches.Apply(Enum.Parse<PatchType>(type), (JsonObject)JsonNode.Parse(Deployment)!, JsonNode.Parse(patch)!);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), patched), patched.ToJsonString());
    }

    [Fact]
    public void A_json_patch_that_does_not_apply_is_refused_as_invalid()
    {
        var error = Assert.Throws<ApiException>(() =>
            Patches.Apply(PatchType.Json, (JsonObject)JsonNode.Parse(Deployment)!, JsonNode.Parse("""[{"op":"replace","path":"/spec/paused","value":true}]""")!));

        Assert.Equal(ApiErrorReason.Invalid, error.Reason);
    }

    [Theory]
    [InlineData("application/json-patch+json", "Json")]
    [InlineData("application/merge-patch+json", "Merge")]
    [InlineData("application/strategic-merge-patch+json; charset=utf-8", "StrategicMerge")]
    [InlineData("application/apply-patch+yaml", "Apply")]
    [InlineData("application/json", null)]
    public void Patch_types_are_read_from_the_content_type(string contentType, string? expected) =>
        Assert.Equal(expected, Patches.TypeOf(contentType)?.ToString());
}

using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansKube.Kinds.Manifests;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Pods;
using OrleansKube.Serialization;

namespace OrleansKube.Tests.Unit;

/// <summary>
/// The paths System.Text.Json really reports, straight from the serializer, and the Kubernetes field paths they become.
/// </summary>
public sealed class JsonFieldPathTests
{
    [Theory]
    [InlineData("""{"spec":{"foo":1}}""", "$.spec.foo", "spec.foo: unknown field \"foo\"")]
    [InlineData("""{"spec":{"containers":[{"name":"a"},{"name":"b","bar":{"x":1}}]}}""", "$.spec.containers[1].bar", "spec.containers[1].bar: unknown field \"bar\"")]
    [InlineData("""{"extra":1}""", "$.extra", "extra: unknown field \"extra\"")]
    [InlineData("""{"spec":{"containers":{"name":"x"}}}""", "$.spec.containers", "spec.containers: Invalid value: {\"name\":\"x\"}: must be a list")]
    [InlineData("""{"spec":"x"}""", "$.spec", "spec: Invalid value: \"x\": must be an object")]
    [InlineData("""{"spec":{"containers":[{"name":"a","ports":[{"containerPort":"80"}]}]}}""", "$.spec.containers[0].ports[0].containerPort", "spec.containers[0].ports[0].containerPort: Invalid value: \"80\": must be an integer")]
    [InlineData("""{"metadata":{"labels":{"a.b/c":1}}}""", "$.metadata.labels['a.b/c']", "metadata.labels[a.b/c]: Invalid value: 1: must be a string")]
    [InlineData("""{"metadata":{"labels":{"x":1}}}""", "$.metadata.labels.x", "metadata.labels[x]: Invalid value: 1: must be a string")]
    [InlineData("""{"spec":{"containers":[{"name":"a","resources":{"limits":{"cpu":"abc"}}}]}}""", "$.spec.containers[0].resources.limits.cpu", "spec.containers[0].resources.limits[cpu]: Invalid value: \"abc\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    [InlineData("""{"spec":{"containers":[{"name":"a","command":[1]}]}}""", "$.spec.containers[0].command[0]", "spec.containers[0].command[0]: Invalid value: 1: must be a string")]
    public void Pod_paths_point_at_the_offending_field(string json, string reportedPath, string expected)
    {
        var (exception, root) = Deserialize<Pod>(json);

        Assert.Equal(reportedPath, exception.Path);
        Assert.Equal(expected, ObjectDecoder.FromException(exception, root, typeof(Pod)).ToString());
    }

    [Theory]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":"a","foo":"b"}]}}}}""", "$.spec.template.spec.containers[0].foo", "spec.template.spec.containers[0].foo: unknown field \"foo\"")]
    [InlineData("""{"spec":{"selector":{"matchLabels":{"app":[]}}}}""", "$.spec.selector.matchLabels.app", "spec.selector.matchLabels[app]: Invalid value: []: must be a string")]
    [InlineData("""{"spec":{"strategy":{"rollingUpdate":{"maxSurge":true}}}}""", "$.spec.strategy.rollingUpdate.maxSurge", "spec.strategy.rollingUpdate.maxSurge: Invalid value: true: must be an integer or a string")]
    public void Deployment_paths_point_at_the_offending_field(string json, string reportedPath, string expected)
    {
        var (exception, root) = Deserialize<Deployment>(json);

        Assert.Equal(reportedPath, exception.Path);
        Assert.Equal(expected, ObjectDecoder.FromException(exception, root, typeof(Deployment)).ToString());
    }

    [Theory]
    [InlineData("$", "")]
    [InlineData("$.a.b", "a|b")]
    [InlineData("$.a[3].b", "a|#3|b")]
    [InlineData("$['a.b'].c", "a.b|c")]
    [InlineData("$.m['x/y'][0]", "m|x/y|#0")]
    public void Splits_system_text_json_paths(string path, string expected)
    {
        var segments = JsonFieldPath.Segments(path).Select(s => s is int i ? $"#{i}" : (string)s);

        Assert.Equal(expected, string.Join("|", segments));
    }

    private static (JsonException Exception, JsonNode Root) Deserialize<T>(string json)
    {
        var root = JsonNode.Parse(json)!;
        return (Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<T>(root, KubeJson.Options)), root);
    }
}

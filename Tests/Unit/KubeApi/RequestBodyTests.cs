using System.Text;
using OrleansKube.Silo.KubeApi;

namespace OrleansKube.Tests.Unit.KubeApi;

/// <summary>Reading bodies: fields given twice, and the last one kept.</summary>
public sealed class RequestBodyTests
{
    [Theory]
    [InlineData("""{"a":1,"b":2}""", new string[0])]
    [InlineData("""{"spec":{"replicas":1,"replicas":2}}""", new[] { "spec.replicas" })]
    [InlineData("""{"c":[{"name":"x","image":"i"},{"name":"y","name":"z"}]}""", new[] { "c.name" })]
    [InlineData("""{"a":{"x":1},"b":{"x":1},"a":2}""", new[] { "a" })]
    public void Duplicate_fields_are_named_by_their_path(string json, string[] expected) =>
        Assert.Equal(expected, RequestBody.DuplicateFields(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void A_field_given_twice_keeps_its_last_value()
    {
        var node = RequestBody.ReadObject(Encoding.UTF8.GetBytes("""{"spec":{"replicas":1,"replicas":2}}"""), "application/json", "application/json");

        Assert.Equal(2, (int?)node["spec"]!["replicas"]);
    }

    [Fact]
    public void Yaml_bodies_are_read_as_yaml()
    {
        var node = RequestBody.ReadObject(Encoding.UTF8.GetBytes("metadata:\n  name: y\n"), "application/yaml", "application/json");

        Assert.Equal("y", (string?)node["metadata"]!["name"]);
    }

    [Theory]
    [InlineData("[1]", "application/json", "BadRequest")]
    [InlineData("k8s\u0000", "application/vnd.kubernetes.protobuf", "UnsupportedMediaType")]
    [InlineData("", "application/json", "BadRequest")]
    public void Bodies_that_are_not_an_object_are_refused(string body, string contentType, string reason)
    {
        var refused = Assert.Throws<ApiStatusException>(() => RequestBody.ReadObject(Encoding.UTF8.GetBytes(body), contentType, "application/json"));

        Assert.Equal(reason, refused.Status.Reason);
    }
}

using System.Text.Json.Nodes;
using OrleansKube.Kinds;
using OrleansKube.Model.Deployments;
using OrleansKube.Silo.KubeApi;

namespace OrleansKube.Tests.Unit.KubeApi;

/// <summary>Field ownership for server-side apply: who owns what after creates, updates and applies.</summary>
public sealed class FieldManagersTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly OrleansKube.Api.ResourceInfo Resource = KindRegistry.For<Deployment>().Resource;

    private const string Config = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","labels":{"team":"a"}},
         "spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"main","image":"i:1"},{"name":"side","image":"s:1"}]}}}}
        """;

    [Fact]
    public void An_apply_owns_each_field_it_names_and_each_element_of_keyed_lists()
    {
        var stored = Stored(FieldManagers.OnCreate(Parse(Config), "ci", "Apply", Resource, Now));

        var fields = stored["metadata"]!["managedFields"]![0]!["fieldsV1"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"f:metadata":{"f:labels":{"f:team":{}}},"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{
              "k:{\"name\":\"main\"}":{".":{},"f:name":{},"f:image":{}},"k:{\"name\":\"side\"}":{".":{},"f:name":{},"f:image":{}}}}}}}
            """), fields), fields.ToJsonString());
    }

    [Fact]
    public void An_update_takes_the_fields_it_changed_and_an_apply_of_another_value_conflicts()
    {
        var stored = Stored(FieldManagers.OnCreate(Parse(Config), "ci", "Apply", Resource, Now));
        var scaled = (JsonObject)stored.DeepClone();
        scaled["spec"]!["replicas"] = 5;
        scaled["metadata"]!["managedFields"] = FieldManagers.OnUpdate(stored, scaled, "hpa", Resource, Now);

        var conflict = Assert.Throws<ApiStatusException>(() => FieldManagers.Apply(scaled, Parse(Config), "ci", force: false, Resource, Now));
        Assert.Equal((409, "Apply failed with 1 conflict: conflict with \"hpa\" using apps/v1: .spec.replicas"), (conflict.Status.Code, conflict.Status.Message));

        var sameValue = Parse(Config);
        sameValue["spec"]!["replicas"] = 5;
        Assert.Equal(5, (int?)FieldManagers.Apply(scaled, sameValue, "ci", force: false, Resource, Now)["spec"]!["replicas"]);

        var forced = FieldManagers.Apply(scaled, Parse(Config), "ci", force: true, Resource, Now);
        Assert.Equal(2, (int?)forced["spec"]!["replicas"]);
        Assert.DoesNotContain(forced["metadata"]!["managedFields"]!.AsArray(), m => (string?)m!["manager"] == "hpa");
    }

    [Fact]
    public void What_an_apply_no_longer_names_is_removed_unless_someone_else_owns_it()
    {
        var stored = Stored(FieldManagers.OnCreate(Parse(Config), "ci", "Apply", Resource, Now));
        var fewer = Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},
             "spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"main","image":"i:1"}]}}}}
            """);

        var applied = FieldManagers.Apply(stored, fewer, "ci", force: false, Resource, Now);

        Assert.Null(applied["metadata"]!["labels"]?["team"]);
        Assert.Equal(["main"], applied["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => (string?)c!["name"]));
    }

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    private static JsonObject Stored(JsonArray managedFields)
    {
        var stored = Parse(Config);
        stored["metadata"]!["managedFields"] = managedFields;
        return stored;
    }
}

using System.Text.Json.Nodes;
using OrleansKube.Client.Output;
using OrleansKube.Kinds;
using OrleansKube.Serialization;

namespace OrleansKube.Tests.Client;

public sealed class ObjectPrinterTests
{
    [Fact]
    public void Name_output_qualifies_grouped_kinds()
    {
        Assert.Equal("pod/web-1\n", new ObjectPrinter(Resources.Pods, OutputFormat.Name).Print([TestObjects.RunningPod("web-1")], true, TestObjects.Now));
        Assert.Equal("deployment.apps/web\n", new ObjectPrinter(Resources.Deployments, OutputFormat.Name).Print([TestObjects.Deployment("web")], true, TestObjects.Now));
        Assert.Equal("namespace/demo", ObjectPrinter.NameOf(TestObjects.Namespace("demo")));
        Assert.Equal("node/node-1", ObjectPrinter.NameOf(TestObjects.Node("node-1")));
    }

    [Fact]
    public void Json_of_a_list_is_a_kubernetes_List_with_its_items()
    {
        var pods = new[] { TestObjects.RunningPod("a"), TestObjects.RunningPod("b") };
        var text = new ObjectPrinter(Resources.Pods, OutputFormat.Json).Print(pods, asList: true, TestObjects.Now);

        var list = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(["apiVersion", "items", "kind", "metadata"], list.Select(p => p.Key));
        Assert.Equal("v1", (string?)list["apiVersion"]);
        Assert.Equal("List", (string?)list["kind"]);
        Assert.Equal("", (string?)list["metadata"]!["resourceVersion"]);
        Assert.Equal(["a", "b"], list["items"]!.AsArray().Select(item => (string?)item!["metadata"]!["name"]));
        Assert.Equal("Pod", (string?)list["items"]![0]!["kind"]);
    }

    [Fact]
    public void Json_of_an_empty_list_still_prints_the_List()
    {
        var text = new ObjectPrinter(Resources.Pods, OutputFormat.Json).Print([], asList: true, TestObjects.Now);

        Assert.Empty(JsonNode.Parse(text)!["items"]!.AsArray());
    }

    [Fact]
    public void Json_of_one_object_is_the_object_itself()
    {
        var deployment = TestObjects.Deployment("web");

        var text = new ObjectPrinter(Resources.Deployments, OutputFormat.Json).Print([deployment], asList: false, TestObjects.Now);

        Assert.Equal(KubeJson.Serialize(deployment, indented: true) + "\n", text);
    }

    [Fact]
    public void Watched_json_objects_are_printed_one_by_one()
    {
        var printer = new ObjectPrinter(Resources.Pods, OutputFormat.Json);

        var text = printer.PrintEach([TestObjects.RunningPod("a")], TestObjects.Now) + printer.PrintEach([TestObjects.RunningPod("b")], TestObjects.Now);

        Assert.Equal(2, text.Split("\"kind\": \"Pod\"").Length - 1);
        Assert.DoesNotContain("\"List\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Watched_yaml_documents_are_separated()
    {
        var printer = new ObjectPrinter(Resources.Pods, OutputFormat.Yaml);

        var first = printer.PrintEach([TestObjects.RunningPod("a")], TestObjects.Now);
        var second = printer.PrintEach([TestObjects.RunningPod("b")], TestObjects.Now);

        Assert.False(first.StartsWith("---", StringComparison.Ordinal));
        Assert.StartsWith("---\n", second, StringComparison.Ordinal);
    }
}

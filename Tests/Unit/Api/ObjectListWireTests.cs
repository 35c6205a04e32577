using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansKube.Api;
using OrleansKube.Model.Pods;
using OrleansKube.Serialization;
using OrleansKube.Tests.Grains;

namespace OrleansKube.Tests.Unit.Api;

public sealed class ObjectListWireTests
{
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(ObjectList).Assembly))
        .BuildServiceProvider();

    [Fact]
    public void A_list_of_several_kinds_arrives_as_it_was_sent()
    {
        var pod = Objects.Pod("shop", "web-1") with { Status = new PodStatus { Phase = PodPhase.Running } };
        var list = new ObjectList([pod, Objects.Deployment("shop", "web"), Objects.Namespace("shop")], "ab12.7");

        var serializer = Services.GetRequiredService<Serializer<ObjectList>>();

        var received = serializer.Deserialize(serializer.SerializeToArray(list))!;

        Assert.Equal("ab12.7", received.ResourceVersion);
        Assert.Equal(list.Items.Select(item => item.GetType()), received.Items.Select(item => item.GetType()));
        Assert.All(list.Items.Zip(received.Items), pair => Assert.True(KubeJson.SameJson(pair.First, pair.Second)));
    }

    [Fact]
    public void An_unchanged_object_is_not_serialized_again_and_a_new_version_is()
    {
        var converter = new ObjectListWireConverter(Services);
        var pod = Objects.Pod("shop", "web-1");
        var newer = pod with { Status = new PodStatus { Phase = PodPhase.Running } };

        var first = converter.ConvertToSurrogate(new ObjectList([pod], "1"));
        var again = converter.ConvertToSurrogate(new ObjectList([pod, newer], "2"));

        Assert.Same(first.Items[0], again.Items[0]);
        Assert.NotEqual(again.Items[0], again.Items[1]);
        Assert.Equal(PodPhase.Running, ((Pod)converter.ConvertFromSurrogate(again).Items[1]).Status?.Phase);
    }

    [Fact]
    public void A_page_keeps_its_continue_token_and_what_remains()
    {
        var serializer = Services.GetRequiredService<Serializer<ObjectList>>();
        var page = new ObjectList([Objects.Pod("shop", "web-1")], "ab12.9") { Continue = "ab12-3:1", RemainingItemCount = 41 };

        var received = serializer.Deserialize(serializer.SerializeToArray(page))!;

        Assert.Equal("ab12-3:1", received.Continue);
        Assert.Equal(41, received.RemainingItemCount);
    }

    [Fact]
    public void An_empty_list_keeps_its_version()
    {
        var serializer = Services.GetRequiredService<Serializer<ObjectList>>();

        var received = serializer.Deserialize(serializer.SerializeToArray(new ObjectList([], "ab12.0")))!;

        Assert.Empty(received.Items);
        Assert.Equal("ab12.0", received.ResourceVersion);
    }
}

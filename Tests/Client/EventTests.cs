using OrleansKube.Grains;
using OrleansKube.Model.Events;

namespace OrleansKube.Tests.Client;

/// <summary><c>okube get events</c> against <see cref="FakeCluster"/>: kubectl's event table, ordered by when each was last seen.</summary>
public sealed class EventTests
{
    private readonly FakeCluster _cluster = new();

    public EventTests()
    {
        _cluster.Put(TestObjects.Namespace("default"));
        _cluster.Put(TestObjects.Namespace("demo"));
        _cluster.Record(TestObjects.Event("ScalingReplicaSet", "Scaled up replica set web-5d4cf56db6 to 3", TimeSpan.FromSeconds(12)) with
        {
            Metadata = new() { Name = "web.17c1" },
        });
        _cluster.Record(TestObjects.Event(
            "FailedScheduling", "0/3 nodes are available: 3 Insufficient cpu.  ", TimeSpan.FromMinutes(2), kind: "Pod", name: "web-5d4cf56db6-bcdfg",
            type: "Warning", component: "default-scheduler", count: 4, firstAgo: TimeSpan.FromMinutes(7)) with
        {
            Metadata = new() { Name = "web-5d4cf56db6-bcdfg.17c2" },
        });
        _cluster.Record(TestObjects.Event("ScalingReplicaSet", "Scaled down replica set api-7f8b9c to 1", TimeSpan.FromHours(3), name: "api", uid: "uid-api", ns: "demo") with
        {
            Metadata = new() { Name = "api.17c3" },
        });
    }

    [Theory]
    [InlineData("events")]
    [InlineData("event")]
    [InlineData("ev")]
    public async Task Events_are_listed_oldest_first_with_their_object(string kind)
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", kind));
        Assert.Equal(
            """
            LAST SEEN   TYPE      REASON              OBJECT                     MESSAGE
            2m          Warning   FailedScheduling    pod/web-5d4cf56db6-bcdfg   0/3 nodes are available: 3 Insufficient cpu.
            12s         Normal    ScalingReplicaSet   deployment/web             Scaled up replica set web-5d4cf56db6 to 3

            """, terminal.Out.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task All_namespaces_add_the_namespace_column()
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "events", "-A"));
        Assert.Equal(
            """
            NAMESPACE   LAST SEEN   TYPE      REASON              OBJECT                     MESSAGE
            demo        3h          Normal    ScalingReplicaSet   deployment/api             Scaled down replica set api-7f8b9c to 1
            default     2m          Warning   FailedScheduling    pod/web-5d4cf56db6-bcdfg   0/3 nodes are available: 3 Insufficient cpu.
            default     12s         Normal    ScalingReplicaSet   deployment/web             Scaled up replica set web-5d4cf56db6 to 3

            """, terminal.Out.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Wide_adds_source_first_seen_count_and_name()
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "events", "-o", "wide", "-n", "demo"));
        Assert.Equal(
            """
            LAST SEEN   TYPE     REASON              OBJECT           SUBOBJECT   SOURCE                  MESSAGE                                   FIRST SEEN   COUNT   NAME
            3h          Normal   ScalingReplicaSet   deployment/api               deployment-controller   Scaled down replica set api-7f8b9c to 1   3h           1       api.17c3

            """, terminal.Out.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Watching_events_prints_new_ones_under_the_table()
    {
        var terminal = TestTerminal.With(_cluster);
        using var interrupt = new CancellationTokenSource();

        var run = terminal.RunAsync(["get", "events", "-w"], interrupt.Token);
        await Eventually.TrueAsync(() => _cluster.Watches == 1);
        _cluster.Record(TestObjects.Event("SuccessfulCreate", "Created pod: web-5d4cf56db6-x7k2p", TimeSpan.FromSeconds(1), kind: "ReplicaSet", name: "web-5d4cf56db6"));
        await Eventually.TrueAsync(() => terminal.Out.Text.Contains("SuccessfulCreate", StringComparison.Ordinal));
        await interrupt.CancelAsync();

        Assert.Equal(0, await run);
        Assert.EndsWith(
            "1s          Normal    SuccessfulCreate    replicaset/web-5d4cf56db6   Created pod: web-5d4cf56db6-x7k2p\n",
            terminal.Out.Text.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Name_output_names_each_event()
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "ev", "-o", "name"));
        Assert.Equal("event/web-5d4cf56db6-bcdfg.17c2\nevent/web.17c1\n", terminal.Out.Text);
    }

    [Fact]
    public async Task Json_output_is_a_list_of_events()
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "events", "-n", "demo", "-o", "json"));
        var text = terminal.Out.Text;
        Assert.Contains("\"kind\": \"List\"", text, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"Event\"", text, StringComparison.Ordinal);
        Assert.Contains("\"reason\": \"ScalingReplicaSet\"", text, StringComparison.Ordinal);
        Assert.Contains("\"component\": \"deployment-controller\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_event_is_found_by_name_in_its_namespaces_list()
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "event", "api.17c3", "-n", "demo", "-o", "name"));
        Assert.Equal("event/api.17c3\n", terminal.Out.Text);

        var missing = TestTerminal.With(_cluster);
        Assert.Equal(1, await missing.RunAsync("get", "event", "api.17c3"));
        Assert.Equal("error: events \"api.17c3\" not found\n", missing.Error.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_namespace_without_events_says_so()
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "events", "-n", "quiet"));
        Assert.Equal("", terminal.Out.Text);
        Assert.Equal("No resources found in quiet namespace.\n", terminal.Error.Text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Events_recorded_through_the_namespace_grain_are_listed()
    {
        await _cluster.GetGrain<INamespaceGrain>("tools").RecordEventAsync(
            TestObjects.Event("Killing", "Stopping container tool", TimeSpan.FromSeconds(3), kind: "Pod", name: "tool", ns: "tools", component: "kubelet") with
            {
                Source = new EventSource { Component = "kubelet", Host = "node-1" },
            });
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("get", "events", "-n", "tools", "-o", "wide"));
        var row = terminal.Out.Text.Split('\n')[1];
        Assert.StartsWith("3s          Normal   Killing   pod/tool               kubelet, node-1   Stopping container tool   3s           1       tool.", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_event_prints_its_fields()
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("describe", "event", "api.17c3", "-n", "demo"));
        Assert.Equal(
            """
            Name:             api.17c3
            Namespace:        demo
            Labels:           <none>
            Annotations:      <none>
            API Version:      v1
            Count:            1
            First Timestamp:  2024-05-06T09:00:00Z
            Involved Object:
              API Version:   <none>
              Kind:          Deployment
              Name:          api
              Namespace:     demo
              UID:           uid-api
            Kind:            Event
            Last Timestamp:  2024-05-06T09:00:00Z
            Message:         Scaled down replica set api-7f8b9c to 1
            Reason:          ScalingReplicaSet
            Source:
              Component:  deployment-controller
            Type:         Normal
            Events:       <none>

            """, terminal.Out.Text);
    }

    [Fact]
    public async Task Events_cannot_be_deleted_or_applied()
    {
        var delete = TestTerminal.With(_cluster);
        Assert.Equal(1, await delete.RunAsync("delete", "event", "web.17c1"));
        Assert.Equal("error: the server does not allow this method on the requested resource (events)\n", delete.Error.Text.ReplaceLineEndings("\n"));

        var apply = TestTerminal.With(_cluster, stdin: """
            apiVersion: v1
            kind: Event
            metadata:
              name: forged
            reason: Forged
            """);
        Assert.Equal(1, await apply.RunAsync("apply", "-f", "-"));
        Assert.Equal("error: the server does not allow this method on the requested resource (events)\n", apply.Error.Text.ReplaceLineEndings("\n"));
        Assert.Null(_cluster.Find(Event.KindName, "default/forged"));
    }
}

using OrleansKube.Client.Commands;
using OrleansKube.Model.Nodes;

namespace OrleansKube.Tests.Client;

/// <summary><c>okube cordon</c> and <c>uncordon</c> against <see cref="FakeCluster"/>: kubectl's lines, and writes that never overwrite another's.</summary>
public sealed class CordonTests
{
    private readonly FakeCluster _cluster = new();

    private Node Stored => (Node)_cluster.Find(Node.KindName, "node-1")!;

    [Fact]
    public async Task Cordon_marks_the_node_unschedulable_and_says_so_once()
    {
        _cluster.Put(TestObjects.Node("node-1"));

        var terminal = TestTerminal.With(_cluster);
        Assert.Equal(0, await terminal.RunAsync("cordon", "node-1"));
        Assert.Equal("node/node-1 cordoned\n", terminal.Out.Text);
        Assert.True(Stored.Spec.Unschedulable);
        Assert.Equal("dedicated", Assert.Single(Stored.Spec.Taints).Key);
        Assert.Equal("True", Assert.Single(Stored.Status!.Conditions).Status);

        var again = TestTerminal.With(_cluster);
        Assert.Equal(0, await again.RunAsync("cordon", "node-1"));
        Assert.Equal("node/node-1 already cordoned\n", again.Out.Text);
        Assert.Equal(1, _cluster.Updates);
    }

    [Fact]
    public async Task Uncordon_clears_the_mark_and_says_so_once()
    {
        _cluster.Put(TestObjects.Node("node-1", cordoned: true));

        var terminal = TestTerminal.With(_cluster);
        Assert.Equal(0, await terminal.RunAsync("uncordon", "node-1"));
        Assert.Equal("node/node-1 uncordoned\n", terminal.Out.Text);
        Assert.Null(Stored.Spec.Unschedulable);

        var again = TestTerminal.With(_cluster);
        Assert.Equal(0, await again.RunAsync("uncordon", "node-1"));
        Assert.Equal("node/node-1 already uncordoned\n", again.Out.Text);
        Assert.Equal(1, _cluster.Updates);
    }

    [Fact]
    public async Task Uncordon_of_a_node_marked_false_changes_nothing()
    {
        var node = TestObjects.Node("node-1");
        _cluster.Put(node with { Spec = node.Spec with { Unschedulable = false } });
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("uncordon", "node-1"));
        Assert.Equal("node/node-1 already uncordoned\n", terminal.Out.Text);
        Assert.Equal(0, _cluster.Updates);
    }

    [Theory]
    [InlineData("cordon")]
    [InlineData("uncordon")]
    public async Task A_missing_node_is_not_found(string verb)
    {
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync(verb, "ghost"));
        Assert.Equal("error: nodes \"ghost\" not found\n", terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal("", terminal.Out.Text);
    }

    [Fact]
    public async Task Cordon_reads_the_node_again_after_a_conflict_and_keeps_the_other_write()
    {
        var node = _cluster.Put(TestObjects.Node("node-1"));
        var racers = 0;
        _cluster.RaceNextUpdates(2, () =>
        {
            racers++;
            _cluster.Put(Stored with { Metadata = Stored.Metadata with { Labels = Stored.Metadata.Labels.SetItem($"racer-{racers}", "") } });
        });
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("cordon", "node-1"));
        Assert.Equal("node/node-1 cordoned\n", terminal.Out.Text);
        Assert.Equal(3, _cluster.Updates);
        Assert.True(Stored.Spec.Unschedulable);
        Assert.Equal(
            node.Metadata.Labels.Keys.Concat(["racer-1", "racer-2"]).Order(StringComparer.Ordinal),
            Stored.Metadata.Labels.Keys);
    }

    [Fact]
    public async Task Cordon_after_a_conflict_finds_the_node_already_cordoned_by_the_other_writer()
    {
        _cluster.Put(TestObjects.Node("node-1"));
        _cluster.RaceNextUpdates(1, () => _cluster.Put(Stored with { Spec = Stored.Spec with { Unschedulable = true } }));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(0, await terminal.RunAsync("cordon", "node-1"));
        Assert.Equal("node/node-1 already cordoned\n", terminal.Out.Text);
        Assert.Equal(1, _cluster.Updates);
    }

    [Fact]
    public async Task Cordon_gives_up_after_repeated_conflicts()
    {
        _cluster.Put(TestObjects.Node("node-1"));
        _cluster.RaceNextUpdates(CordonCommand.Attempts, () => _cluster.Put(Stored));
        var terminal = TestTerminal.With(_cluster);

        Assert.Equal(1, await terminal.RunAsync("cordon", "node-1"));
        Assert.Equal(
            "error: Operation cannot be fulfilled on nodes \"node-1\": the object has been modified; please apply your changes to the latest version and try again\n",
            terminal.Error.Text.ReplaceLineEndings("\n"));
        Assert.Equal("", terminal.Out.Text);
        Assert.Equal(CordonCommand.Attempts, _cluster.Updates);
        Assert.Null(Stored.Spec.Unschedulable);
    }
}

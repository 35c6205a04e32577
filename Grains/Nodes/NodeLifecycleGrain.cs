using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Model;
using OrleansKube.Model.Nodes;

namespace OrleansKube.Nodes;

/// <summary>
/// The node lifecycle controller. It lives as long as the cluster: a timer checks the nodes every monitor period, and a
/// reminder brings it back if its silo goes. On activation it learns the real nodes from storage and gives each the
/// full grace period, so a controller that moved never condemns a node for the heartbeats it could not hear.
/// </summary>
public sealed class NodeLifecycleGrain(
    IClusterMembershipService membership,
    IOptions<NodeLifecycleOptions> options,
    ILogger<NodeLifecycleGrain> logger)
    : Grain, INodeLifecycleGrain, IRemindable
{
    private const string ReminderName = "monitor";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private readonly NodeMonitor _monitor = new(options.Value);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var nodes = await GrainFactory.GetGrain<IClusterGrain>(IClusterGrain.Key).ListAsync(Node.KindName, null);
        foreach (var node in nodes.Items.Cast<Node>().Where(n => !SimulatedNode.IsSimulated(n)))
        {
            node.Metadata.Annotations.TryGetValue(WellKnown.SiloAnnotation, out var silo);
            _monitor.Track(node.Metadata.Name!, silo, now);
        }

        this.RegisterGrainTimer(_ => CheckAsync(), new GrainTimerCreationOptions(options.Value.MonitorPeriod, options.Value.MonitorPeriod) { KeepAlive = true });
        await this.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
    }

    public Task HeartbeatAsync(string nodeName, string siloAddress)
    {
        _monitor.Heartbeat(nodeName, siloAddress, DateTimeOffset.UtcNow);
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    private async Task CheckAsync()
    {
        var snapshot = membership.CurrentSnapshot;
        foreach (var action in _monitor.Check(DateTimeOffset.UtcNow, silo => FateOf(snapshot, silo)))
        {
            var node = GrainFactory.GetGrain<INodeGrain>(action.Node);
            try
            {
                if (action.Kind == NodeActionKind.MarkUnreachable)
                {
                    await node.MarkUnreachableAsync(action.Message);
                }
                else
                {
                    await node.EvictPodsAsync();
                }
            }
            catch (ApiException exception) when (exception.Reason == ApiErrorReason.NotFound)
            {
                _monitor.Forget(action.Node);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Node lifecycle: {Action} of node {Node} failed; tried again next period", action.Kind, action.Node);
                _monitor.Retry(action);
            }
        }
    }

    private static SiloFate FateOf(ClusterMembershipSnapshot snapshot, string silo)
    {
        SiloAddress address;
        try
        {
            address = SiloAddress.FromParsableString(silo);
        }
        catch (FormatException)
        {
            return SiloFate.Alive;
        }

        if (snapshot.GetSiloStatus(address) != SiloStatus.Dead)
        {
            return SiloFate.Alive;
        }

        // A silo's generation is when it started: one that started after a silo still active belongs to this run.
        return snapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && m.SiloAddress.Generation < address.Generation)
            ? SiloFate.DiedInThisRun
            : SiloFate.Dead;
    }
}

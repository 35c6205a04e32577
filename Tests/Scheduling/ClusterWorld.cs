using System.Collections.Immutable;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Scheduling;

namespace OrleansKube.Tests.Scheduling;

/// <summary>
/// Builds and inspects a small world of simulated nodes and pods in one namespace, through the API grains as a client
/// would, and removes it all again so the next test starts from an empty cluster.
/// </summary>
internal sealed class ClusterWorld(IClusterClient client) : IAsyncDisposable
{
    private readonly List<string> _nodes = [];

    public string Namespace { get; } = "sched-" + Guid.NewGuid().ToString("N")[..8];

    public async Task StartAsync() =>
        await client.GetGrain<INamespaceGrain>(Namespace).CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = Namespace } });

    public async Task<Node> AddNodeAsync(string name, string cpu, string memory, int pods = 110, bool cordoned = false, params Taint[] taints)
    {
        _nodes.Add(name);
        return await client.GetObjectGrain<Node>(null, name).CreateAsync(SimulatedNode(name, cpu, memory, pods, cordoned, taints));
    }

    public static Node SimulatedNode(string name, string cpu, string memory, int pods = 110, bool cordoned = false, params Taint[] taints)
    {
        var resources = new Dictionary<string, Quantity>
        {
            [WellKnown.Cpu] = Quantity.Parse(cpu),
            [WellKnown.Memory] = Quantity.Parse(memory),
            [WellKnown.Pods] = Quantity.Parse(pods.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        }.ToImmutableSortedDictionary();
        return new Node
        {
            Metadata = new ObjectMeta
            {
                Name = name,
                Annotations = ImmutableSortedDictionary<string, string>.Empty.Add(WellKnown.SimulatedAnnotation, "true"),
                Labels = ImmutableSortedDictionary<string, string>.Empty.Add("size", name),
            },
            Spec = new NodeSpec { Unschedulable = cordoned ? true : null, Taints = [.. taints] },
            Status = new NodeStatus { Capacity = resources },
        };
    }

    public async Task<Pod> AddPodAsync(string name, string? cpu = null, string? memory = null, Func<PodSpec, PodSpec>? customize = null)
    {
        var requests = ImmutableSortedDictionary<string, Quantity>.Empty;
        if (cpu is not null)
        {
            requests = requests.Add(WellKnown.Cpu, Quantity.Parse(cpu));
        }

        if (memory is not null)
        {
            requests = requests.Add(WellKnown.Memory, Quantity.Parse(memory));
        }

        var spec = new PodSpec
        {
            Containers = [new Container { Name = "main", Image = "busybox:1.36", Command = ["sleep", "3600"], Resources = new ResourceRequirements { Requests = requests } }],
        };
        var pod = new Pod { Metadata = new ObjectMeta { Name = name, Namespace = Namespace }, Spec = customize?.Invoke(spec) ?? spec };
        return await client.GetObjectGrain<Pod>(Namespace, name).CreateAsync(pod);
    }

    public async Task<Pod> GetPodAsync(string name) => (await client.GetObjectGrain<Pod>(Namespace, name).GetAsync())!;

    public async Task<IReadOnlyList<Pod>> PodsAsync() =>
        [.. (await client.GetGrain<INamespaceGrain>(Namespace).ListAsync(Pod.KindName, null)).Items.Cast<Pod>()];

    /// <summary>Polls until <paramref name="condition"/> holds for the pod, or fails after the deadline with what the pod looked like.</summary>
    public async Task<Pod> WaitForPodAsync(string name, Func<Pod, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var pod = await GetPodAsync(name);
            if (condition(pod))
            {
                return pod;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"pod {name} never got there: {Serialization.KubeJson.Serialize(pod)}");
            }

            await Task.Delay(50);
        }
    }

    public Task<Pod> WaitForRunningAsync(string name) =>
        WaitForPodAsync(name, pod => SchedulingPod.IsBound(pod) && pod.Status?.Phase == PodPhase.Running);

    public Task<Pod> WaitForUnschedulableAsync(string name) =>
        WaitForPodAsync(name, pod => pod.Status?.Conditions.Any(c => c.Type == WellKnown.PodScheduled && c.Reason == WellKnown.Unschedulable) == true);

    /// <summary>Waits until every pod of the world is either bound or reported unschedulable.</summary>
    public async Task<IReadOnlyList<Pod>> WaitForAllDecidedAsync(int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var pods = await PodsAsync();
            if (pods.Count == expected && pods.All(p => p.Status?.Conditions.Any(c => c.Type == WellKnown.PodScheduled) == true))
            {
                return pods;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{pods.Count(p => p.Status?.Conditions.Any(c => c.Type == WellKnown.PodScheduled) == true)} of {expected} pods decided");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await client.GetGrain<INamespaceGrain>(Namespace).DeleteAsync(null);
        }
        catch (ApiException exception) when (exception.Reason == ApiErrorReason.NotFound)
        {
            // The test removed it itself.
        }

        foreach (var node in _nodes)
        {
            try
            {
                await client.GetObjectGrain<Node>(null, node).DeleteAsync(null);
            }
            catch (ApiException exception) when (exception.Reason == ApiErrorReason.NotFound)
            {
                // The test removed it itself.
            }
        }
    }
}

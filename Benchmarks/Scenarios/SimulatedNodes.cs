using System.Collections.Immutable;
using System.Diagnostics;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;

namespace OrleansKube.Benchmarks.Scenarios;

/// <summary>Creates simulated nodes for a scenario and waits until the scheduler knows them all.</summary>
internal static class SimulatedNodes
{
    public static async Task CreateAsync(IGrainFactory grains, int count, int concurrency)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) => await grains.GetObjectGrain<Node>(null, Name(i)).CreateAsync(Manifest(Name(i))));
        var scheduler = grains.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key);
        await WaitAsync(async () => (await scheduler.GetStatisticsAsync()).Nodes >= count, TimeSpan.FromMinutes(2));
    }

    public static string Name(int index) => $"sim-{index:D5}";

    public static Node Manifest(string name) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Annotations = ImmutableSortedDictionary<string, string>.Empty.Add(WellKnown.SimulatedAnnotation, "true"),
        },
        Status = new NodeStatus
        {
            Capacity = new Dictionary<string, Quantity>
            {
                [WellKnown.Cpu] = Quantity.Parse("32"),
                [WellKnown.Memory] = Quantity.Parse("128Gi"),
                [WellKnown.Pods] = Quantity.Parse("110"),
            }.ToImmutableSortedDictionary(),
        },
    };

    /// <summary>A namespace for a scenario's objects.</summary>
    public static Task CreateNamespaceAsync(IGrainFactory grains, string name) =>
        grains.GetGrain<INamespaceGrain>(name).CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = name } });

    /// <summary>A deployment of <paramref name="replicas"/> pods of <paramref name="spec"/> (<see cref="SmallPodSpec"/> unless given), labelled <c>app: NAME</c>.</summary>
    public static Deployment SmallDeployment(string @namespace, string name, int replicas, PodSpec? spec = null)
    {
        var labels = ImmutableSortedDictionary<string, string>.Empty.Add("app", name);
        return new Deployment
        {
            Metadata = new ObjectMeta { Name = name, Namespace = @namespace },
            Spec = new DeploymentSpec
            {
                Replicas = replicas,
                Selector = new LabelSelector { MatchLabels = labels },
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = labels },
                    Spec = spec ?? SmallPodSpec(),
                },
            },
        };
    }

    /// <summary>The pods the scenarios place: one container asking for 100m and 128Mi.</summary>
    public static PodSpec SmallPodSpec() => new()
    {
        Containers =
        [
            new Container
            {
                Name = "main",
                Image = "busybox:1.36",
                Command = ["sleep", "3600"],
                Resources = new ResourceRequirements
                {
                    Requests = new Dictionary<string, Quantity>
                    {
                        [WellKnown.Cpu] = Quantity.Parse("100m"),
                        [WellKnown.Memory] = Quantity.Parse("128Mi"),
                    }.ToImmutableSortedDictionary(),
                },
            },
        ],
    };

    public static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        if (!await UntilAsync(condition, timeout))
        {
            throw new TimeoutException($"not reached within {timeout}");
        }
    }

    /// <summary>Polls <paramref name="condition"/> every <paramref name="period"/> (default 20 ms); false when the deadline passes first.</summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? period = null)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(period ?? TimeSpan.FromMilliseconds(20));
        }

        return true;
    }
}

using System.Collections.Immutable;
using System.Diagnostics;
using OrleansKube.Model.Nodes;

namespace OrleansKube.Silo.Kubelet;

/// <summary>
/// Turns cumulative CPU times into rates between two samples, for <c>okube top</c>: each pod's containers, and the
/// node as its silo process plus its pods.
/// </summary>
internal sealed class UsageSampler
{
    private Dictionary<string, TimeSpan> _previous = [];
    private TimeSpan _previousSilo = Process.GetCurrentProcess().TotalProcessorTime;
    private long _previousAt = Stopwatch.GetTimestamp();

    public NodeMetrics Sample(IEnumerable<PodWorker> pods)
    {
        var now = Stopwatch.GetTimestamp();
        var window = Stopwatch.GetElapsedTime(_previousAt, now);
        var seconds = Math.Max(window.TotalSeconds, 0.001);
        var current = new Dictionary<string, TimeSpan>();
        long Millicores(string id, TimeSpan cpu) =>
            (long)Math.Max(0, (cpu - (_previous.TryGetValue(id, out var before) ? before : cpu)).TotalSeconds / seconds * 1000);

        var podMetrics = ImmutableList.CreateBuilder<PodMetrics>();
        long totalCpu = 0, totalMemory = 0;
        foreach (var pod in pods)
        {
            var containers = ImmutableList.CreateBuilder<ContainerMetrics>();
            foreach (var (container, runId, usage) in pod.ReadUsage())
            {
                current[runId] = usage.CpuTime;
                var cpu = Millicores(runId, usage.CpuTime);
                containers.Add(new ContainerMetrics { Name = container, Usage = new ResourceUsage { CpuMillicores = cpu, MemoryBytes = usage.MemoryBytes } });
                totalCpu += cpu;
                totalMemory += usage.MemoryBytes;
            }

            if (containers.Count > 0)
            {
                podMetrics.Add(new PodMetrics { Namespace = pod.Pod.Metadata.Namespace!, Name = pod.Pod.Metadata.Name!, Containers = containers.ToImmutable() });
            }
        }

        using var silo = Process.GetCurrentProcess();
        var siloCpu = silo.TotalProcessorTime;
        totalCpu += (long)Math.Max(0, (siloCpu - _previousSilo).TotalSeconds / seconds * 1000);
        totalMemory += silo.WorkingSet64;
        (_previous, _previousSilo, _previousAt) = (current, siloCpu, now);
        return new NodeMetrics
        {
            Timestamp = DateTimeOffset.UtcNow,
            Window = window,
            Usage = new ResourceUsage { CpuMillicores = totalCpu, MemoryBytes = totalMemory },
            Pods = podMetrics.ToImmutable(),
        };
    }
}

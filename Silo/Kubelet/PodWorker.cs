using System.Collections.Immutable;
using OrleansKube.Model.Pods;
using OrleansKube.Silo.Runtime;

namespace OrleansKube.Silo.Kubelet;

/// <summary>
/// One pod on this node: its containers, each with its own runner, and the pod status made from theirs, handed to the
/// reporter whenever a container changes.
/// </summary>
internal sealed class PodWorker
{
    private readonly PodContext _context;
    private readonly ImmutableArray<ContainerRunner> _containers;
    private readonly IReadOnlyList<int> _ports;
    private readonly Action<PodWorker> _changed;
    private readonly string _hostIP;
    private readonly DateTimeOffset _startTime = DateTimeOffset.UtcNow;
    private readonly Lock _gate = new();
    private PodStatus? _status;

    public PodWorker(PodContext context, PortAllocator ports, string hostIP, Action<PodWorker> changed)
    {
        _context = context;
        _hostIP = hostIP;
        _changed = changed;
        var allocated = new List<int>();
        _containers =
        [
            .. context.Pod.Spec.Containers.Select(container =>
            {
                var assigned = container.Ports.Select(port =>
                {
                    var hostPort = ports.Allocate();
                    allocated.Add(hostPort);
                    return port with { HostPort = hostPort, Protocol = port.Protocol ?? "TCP" };
                });
                return new ContainerRunner(context, container, new ContainerPorts([.. assigned]), () => Changed());
            }),
        ];
        _ports = allocated;
    }

    public Pod Pod => _context.Pod;

    public string Key => _context.Key;

    public string Uid => _context.Uid;

    /// <summary><c>terminationGracePeriodSeconds</c>, default 30 s.</summary>
    public TimeSpan GracePeriod => _context.GracePeriod;

    /// <summary>The pod's status as last built from its containers.</summary>
    public PodStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status ??= Build(null);
            }
        }
    }

    public void Start()
    {
        foreach (var container in _containers)
        {
            container.Start();
        }

        Changed();
    }

    /// <summary>Stops every container with the grace period and removes the pod's directories and ports.</summary>
    public async Task StopAsync(TimeSpan grace, PortAllocator ports)
    {
        await Task.WhenAll(_containers.Select(c => c.StopAsync(grace)));
        foreach (var port in _ports)
        {
            ports.Release(port);
        }

        _context.Directories.Delete();
    }

    /// <summary>The log file of a container's current or previous run.</summary>
    public string? LogPath(string container, bool previous)
    {
        var runner = _containers.FirstOrDefault(c => c.Name == container);
        if (runner is null)
        {
            return null;
        }

        var run = runner.Status.RestartCount - (previous ? 1 : 0);
        return run < 0 ? null : _context.Directories.LogPath(container, run);
    }

    public IReadOnlyList<string> ContainerNames => [.. _containers.Select(c => c.Name)];

    /// <summary>Cumulative usage of each running container, keyed by the run's id so a restart starts a new count.</summary>
    public IEnumerable<(string Container, string RunId, ContainerUsage Usage)> ReadUsage()
    {
        foreach (var runner in _containers)
        {
            if (runner.Current is { } current && current.ReadUsage() is { } usage)
            {
                yield return (runner.Name, current.Id, usage);
            }
        }
    }

    private void Changed()
    {
        lock (_gate)
        {
            _status = Build(_status);
        }

        _changed(this);
    }

    private PodStatus Build(PodStatus? previous) =>
        PodStatusBuilder.Build(Pod.Spec, [.. _containers.Select(c => c.Status)], previous, _hostIP, _startTime, DateTimeOffset.UtcNow);
}

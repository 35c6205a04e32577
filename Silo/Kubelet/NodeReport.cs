using System.Collections.Immutable;
using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;
using OrleansKube.Model;
using OrleansKube.Model.Nodes;
using OrleansKube.Silo.Runtime;

namespace OrleansKube.Silo.Kubelet;

/// <summary>
/// The node as this kubelet reports it: name and labels, what it offers (the machine's processors and memory unless
/// configured, so several silos on one machine can each claim a share), addresses, software, and conditions.
/// </summary>
internal sealed class NodeReport(string nodeName, KubeletOptions options, IContainerRuntime runtime, IPAddress address, string siloAddress)
{
    public const string LimitsCondition = "ResourceLimitsEnforced";

    private readonly ImmutableSortedDictionary<string, Quantity> _resources = Resources(options);
    private readonly NodeSystemInfo _info = new()
    {
        OperatingSystem = "linux",
        Architecture = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant() switch { "x64" => "amd64", var other => other },
        KernelVersion = ReadFirstLine("/proc/sys/kernel/osrelease") ?? "",
        KubeletVersion = "okube/" + (typeof(NodeReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0"),
        ContainerRuntimeVersion = runtime.Version,
        MachineID = ReadFirstLine("/etc/machine-id") ?? "",
        SystemUUID = ReadFirstLine("/sys/class/dmi/id/product_uuid") ?? ReadFirstLine("/etc/machine-id") ?? "",
        BootID = ReadFirstLine("/proc/sys/kernel/random/boot_id") ?? "",
        OsImage = OsImage(),
    };

    public string NodeName => nodeName;

    /// <summary>The address pods of this node are reached at.</summary>
    public string HostIP => address.ToString();

    /// <summary>The node now: Ready unless <paramref name="shuttingDown"/>.</summary>
    public Node Build(DateTimeOffset now, bool shuttingDown)
    {
        NodeCondition Condition(string type, bool value, string reason, string message) => new()
        {
            Type = type,
            Status = value ? WellKnown.ConditionTrue : WellKnown.ConditionFalse,
            Reason = reason,
            Message = message,
            LastHeartbeatTime = now,
            LastTransitionTime = now,
        };

        var limits = runtime.Limits;
        return new Node
        {
            Metadata = new ObjectMeta
            {
                Name = nodeName,
                Labels = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
                {
                    [WellKnown.HostnameLabel] = nodeName,
                    ["kubernetes.io/os"] = _info.OperatingSystem!,
                    ["kubernetes.io/arch"] = _info.Architecture!,
                }),
                Annotations = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(WellKnown.SiloAnnotation, siloAddress)]),
            },
            Spec = new NodeSpec { Taints = RegisterTaints.TryParse(options.RegisterWithTaints, out var taints, out _) ? taints : [] },
            Status = new NodeStatus
            {
                Capacity = _resources,
                Allocatable = _resources,
                Addresses = [new NodeAddress { Type = "InternalIP", Address = address.ToString() }, new NodeAddress { Type = "Hostname", Address = Dns.GetHostName() }],
                NodeInfo = _info,
                Conditions =
                [
                    Condition("MemoryPressure", false, "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    Condition("DiskPressure", false, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    Condition("PIDPressure", false, "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    Condition(LimitsCondition, limits.Enforced, limits.Enforced ? "CgroupsAvailable" : "CgroupsUnavailable", limits.Message ?? "memory and cpu limits are enforced through cgroups"),
                    shuttingDown
                        ? Condition(WellKnown.NodeReady, false, "KubeletNotReady", "node is shutting down")
                        : Condition(WellKnown.NodeReady, true, "KubeletReady", "kubelet is posting ready status"),
                ],
            },
        };
    }

    private static ImmutableSortedDictionary<string, Quantity> Resources(KubeletOptions options) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, Quantity>
        {
            [WellKnown.Cpu] = options.Cpu is { Length: > 0 } cpu ? Quantity.Parse(cpu) : Quantity.Parse(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            [WellKnown.Memory] = options.Memory is { Length: > 0 } memory ? Quantity.Parse(memory) : Quantity.FromBytes(MachineMemoryBytes()),
            [WellKnown.Pods] = Quantity.Parse(options.MaxPods.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        });

    private static long MachineMemoryBytes()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        var parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 2 } && long.TryParse(parts[1], out var kib) ? kib * 1024 : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    private static string? ReadFirstLine(string path) => ReadLines(path)?.FirstOrDefault()?.Trim();

    // The distribution's name as os-release gives it (PRETTY_NAME="Debian GNU/Linux 12 (bookworm)").
    private static string OsImage() =>
        ReadLines("/etc/os-release")?.FirstOrDefault(line => line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"') ?? "";

    private static List<string>? ReadLines(string path)
    {
        try
        {
            return File.Exists(path) ? [.. File.ReadLines(path)] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

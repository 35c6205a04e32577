using System.Collections.Immutable;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Events;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;

namespace OrleansKube.Tests.Client;

/// <summary>Objects as the cluster would return them, for printer and command tests.</summary>
internal static class TestObjects
{
    public static readonly DateTimeOffset Now = new(2024, 5, 6, 12, 0, 0, TimeSpan.Zero);

    public static ObjectMeta Meta(string name, string? ns = "default", TimeSpan? age = null, params (string Key, string Value)[] labels) => new()
    {
        Name = name,
        Namespace = ns,
        CreationTimestamp = Now - (age ?? TimeSpan.FromMinutes(5)),
        ResourceVersion = "1",
        Labels = labels.ToImmutableSortedDictionary(l => l.Key, l => l.Value),
    };

    public static Pod RunningPod(string name, string ns = "default", TimeSpan? age = null, int restarts = 0) => new()
    {
        Metadata = Meta(name, ns, age, ("app", "web")),
        Spec = new PodSpec { Containers = [new Container { Name = "web", Image = "nginx:1.25" }], NodeName = "node-1" },
        Status = new PodStatus
        {
            Phase = "Running",
            PodIP = "10.1.0.7",
            HostIP = "192.168.1.10",
            StartTime = Now - TimeSpan.FromMinutes(4),
            Conditions = [new PodCondition { Type = "Ready", Status = "True" }],
            ContainerStatuses =
            [
                new ContainerStatus
                {
                    Name = "web",
                    Ready = true,
                    RestartCount = restarts,
                    State = new ContainerState { Running = new ContainerStateRunning { StartedAt = Now - TimeSpan.FromMinutes(4) } },
                },
            ],
        },
    };

    /// <summary><paramref name="pod"/> as its controller made it: owned by the deployment <paramref name="owner"/>, with a uid.</summary>
    public static Pod Owned(Pod pod, string owner = "web") => pod with
    {
        Metadata = pod.Metadata with
        {
            Uid = "uid-" + pod.Metadata.Name,
            OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = owner, Controller = true }],
        },
    };

    public static Pod PendingPod(string name, string ns = "default") => new()
    {
        Metadata = Meta(name, ns, TimeSpan.FromSeconds(45)),
        Spec = new PodSpec { Containers = [new Container { Name = "a", Image = "busybox" }, new Container { Name = "b", Image = "busybox" }] },
    };

    public static Deployment Deployment(string name, int replicas = 3, int ready = 2, string ns = "default") => new()
    {
        Metadata = Meta(name, ns, TimeSpan.FromHours(5) + TimeSpan.FromMinutes(3), ("app", name)),
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = ImmutableSortedDictionary<string, string>.Empty.Add("app", name) },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = ImmutableSortedDictionary<string, string>.Empty.Add("app", name) },
                Spec = new PodSpec
                {
                    Containers =
                    [
                        new Container
                        {
                            Name = "web",
                            Image = "nginx:1.25",
                            Ports = [new ContainerPort { Number = 80 }],
                            Resources = new ResourceRequirements
                            {
                                Limits = ImmutableSortedDictionary<string, Quantity>.Empty.Add("cpu", Quantity.Parse("500m")).Add("memory", Quantity.Parse("128Mi")),
                            },
                        },
                        new Container { Name = "sidecar", Image = "busybox" },
                    ],
                },
            },
        },
        Status = new DeploymentStatus
        {
            Replicas = replicas,
            UpdatedReplicas = ready,
            ReadyReplicas = ready,
            AvailableReplicas = ready,
            UnavailableReplicas = replicas - ready,
            Conditions = [new DeploymentCondition { Type = "Available", Status = "True", Reason = "MinimumReplicasAvailable" }],
        },
    };

    public static Node Node(string name, bool ready = true, bool cordoned = false) => new()
    {
        Metadata = Meta(name, ns: null, TimeSpan.FromDays(2) + TimeSpan.FromHours(4), ("node-role.kubernetes.io/control-plane", "")),
        Spec = new NodeSpec { Unschedulable = cordoned ? true : null, Taints = [new Taint { Key = "dedicated", Value = "infra", Effect = "NoSchedule" }] },
        Status = new NodeStatus
        {
            Conditions = [new NodeCondition { Type = "Ready", Status = ready ? "True" : "False", Reason = "KubeletReady", Message = "kubelet is posting ready status" }],
            Addresses = [new NodeAddress { Type = "InternalIP", Address = "192.168.1.10" }, new NodeAddress { Type = "Hostname", Address = name }],
            Capacity = ImmutableSortedDictionary<string, Quantity>.Empty.Add("cpu", Quantity.Parse("4")).Add("memory", Quantity.Parse("8Gi")).Add("pods", Quantity.Parse("110")),
            Allocatable = ImmutableSortedDictionary<string, Quantity>.Empty.Add("cpu", Quantity.Parse("3800m")).Add("memory", Quantity.Parse("7Gi")).Add("pods", Quantity.Parse("110")),
            NodeInfo = new NodeSystemInfo { KubeletVersion = "v1.30.0-okube", OperatingSystem = "linux", Architecture = "amd64" },
        },
    };

    public static Namespace Namespace(string name, TimeSpan? age = null) => new()
    {
        Metadata = Meta(name, ns: null, age ?? TimeSpan.FromDays(30)),
        Status = new NamespaceStatus { Phase = "Active" },
    };

    /// <summary>An event about <paramref name="kind"/>/<paramref name="name"/>, last seen <paramref name="ago"/> before <see cref="Now"/>.</summary>
    public static Event Event(
        string reason,
        string message,
        TimeSpan ago,
        string kind = "Deployment",
        string name = "web",
        string? uid = "uid-web",
        string type = "Normal",
        string component = "deployment-controller",
        int count = 1,
        TimeSpan? firstAgo = null,
        string ns = "default") => new()
        {
            Metadata = new ObjectMeta { Namespace = ns, CreationTimestamp = Now - (firstAgo ?? ago) },
            InvolvedObject = new ObjectReference { Kind = kind, Name = name, Namespace = ns, Uid = uid },
            Type = type,
            Reason = reason,
            Message = message,
            Source = new EventSource { Component = component },
            FirstTimestamp = Now - (firstAgo ?? ago),
            LastTimestamp = Now - ago,
            Count = count,
        };
}

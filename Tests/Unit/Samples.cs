using System.Collections.Immutable;
using OrleansKube.Kinds.Validation;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;

namespace OrleansKube.Tests.Unit;

/// <summary>Valid objects of every kind, as a user would write them, to change one thing at a time in tests.</summary>
internal static class Samples
{
    public static TheoryData<string> All => new() { "pod", "deployment", "defaulted-deployment", "node", "namespace", "minimal-pod" };

    public static IKubeObject Named(string name) => name switch
    {
        "pod" => Pod(),
        "minimal-pod" => new Pod { Metadata = new() { Name = "tiny" }, Spec = new() { Containers = [new() { Name = "c", Image = "busybox" }] } },
        "deployment" => Deployment(),
        "defaulted-deployment" => ObjectDefaults.Apply(Deployment()),
        "node" => Node(),
        "namespace" => Namespace(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static ImmutableSortedDictionary<string, string> Labels(params string[] pairs) =>
        pairs.Select(pair => pair.Split('=', 2)).ToImmutableSortedDictionary(pair => pair[0], pair => pair[1]);

    public static ImmutableSortedDictionary<string, Quantity> Resources(params string[] pairs) =>
        pairs.Select(pair => pair.Split('=', 2)).ToImmutableSortedDictionary(pair => pair[0], pair => Quantity.Parse(pair[1]));

    public static Container Container() => new()
    {
        Name = "web",
        Image = "nginx:1.27",
        Command = ["nginx", "-g", "daemon off;"],
        Env = [new() { Name = "GREETING", Value = "hello: world" }, new() { Name = "EMPTY" }],
        Ports = [new() { Name = "http", Number = 80 }, new() { Number = 9090, Protocol = "UDP", HostPort = 19090 }],
        Resources = new() { Requests = Resources("cpu=250m", "memory=64Mi"), Limits = Resources("cpu=1", "memory=128Mi") },
        LivenessProbe = new() { HttpGet = new() { Port = "http", Path = "/healthz" }, InitialDelaySeconds = 5 },
        ReadinessProbe = new() { TcpSocket = new() { Port = 80 }, SuccessThreshold = 2 },
        StartupProbe = new() { Exec = new() { Command = ["cat", "/tmp/ready"] }, FailureThreshold = 30 },
    };

    public static PodSpec PodSpec() => new()
    {
        Containers = [Container(), new() { Name = "sidecar", Image = "busybox", Args = ["sleep", "infinity"] }],
        NodeSelector = Labels("kubernetes.io/os=linux"),
        Tolerations =
        [
            new() { Key = "dedicated", Operator = "Equal", Value = "web", Effect = "NoSchedule" },
            new() { Key = "node.kubernetes.io/unreachable", Operator = "Exists", Effect = "NoExecute", TolerationSeconds = 300 },
            new() { Operator = "Exists" },
        ],
    };

    public static Pod Pod() => new()
    {
        Metadata = new()
        {
            Name = "web-0",
            Namespace = "shop",
            Labels = Labels("app=web", "app.kubernetes.io/part-of=shop", "empty="),
            Annotations = Labels("example.com/Owner=Team A", "note=multi\nline"),
        },
        Spec = PodSpec(),
    };

    public static Deployment Deployment() => new()
    {
        Metadata = new() { Name = "web", Namespace = "shop", Labels = Labels("app=web") },
        Spec = new()
        {
            Replicas = 3,
            Selector = new()
            {
                MatchLabels = Labels("app=web"),
                MatchExpressions = [new() { Key = "tier", Operator = "In", Values = ["front", "edge"] }, new() { Key = "canary", Operator = "DoesNotExist" }],
            },
            Template = new() { Metadata = new() { Labels = Labels("app=web", "tier=front") }, Spec = PodSpec() },
            Strategy = new() { Type = "RollingUpdate", RollingUpdate = new() { MaxSurge = 1 } },
            MinReadySeconds = 5,
        },
    };

    public static Node Node() => new()
    {
        Metadata = new() { Name = "node-1.example.com", Labels = Labels("kubernetes.io/hostname=node-1") },
        Spec = new()
        {
            Taints = [new() { Key = "dedicated", Value = "web", Effect = "NoSchedule" }, new() { Key = "dedicated", Effect = "NoExecute" }],
        },
        Status = new()
        {
            Capacity = Resources("cpu=4", "memory=8Gi", "pods=110"),
            Allocatable = Resources("cpu=3800m", "memory=7.5Gi", "pods=110"),
            Conditions = [new() { Type = "Ready", Status = "True", LastHeartbeatTime = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero) }],
        },
    };

    public static Namespace Namespace() => new()
    {
        Metadata = new() { Name = "shop", Labels = Labels("team=a") },
        Spec = new() { Finalizers = ["kubernetes"] },
    };

    /// <summary><paramref name="pod"/> with its first container changed.</summary>
    public static Pod WithContainer(this Pod pod, Func<Container, Container> change) =>
        pod with { Spec = pod.Spec with { Containers = pod.Spec.Containers.SetItem(0, change(pod.Spec.Containers[0])) } };

    public static Pod WithSpec(this Pod pod, Func<PodSpec, PodSpec> change) => pod with { Spec = change(pod.Spec) };

    public static Pod WithMetadata(this Pod pod, Func<ObjectMeta, ObjectMeta> change) => pod with { Metadata = change(pod.Metadata) };

    public static Deployment WithSpec(this Deployment deployment, Func<DeploymentSpec, DeploymentSpec> change) =>
        deployment with { Spec = change(deployment.Spec) };

    public static Deployment WithTemplateSpec(this Deployment deployment, Func<PodSpec, PodSpec> change) =>
        deployment.WithSpec(spec => spec with { Template = spec.Template with { Spec = change(spec.Template.Spec) } });
}

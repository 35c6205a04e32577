using OrleansKube.Kinds.Validation;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Serialization;

namespace OrleansKube.Tests.Unit;

public sealed class DefaultsTests
{
    private static readonly Pod Bare = new()
    {
        Metadata = new() { Name = "p" },
        Spec = new()
        {
            Containers =
            [
                new()
                {
                    Name = "c",
                    Image = "busybox:1.36",
                    Ports = [new() { Number = 80 }, new() { Number = 53, Protocol = "UDP" }, new() { Number = 81, Protocol = "" }],
                    LivenessProbe = new() { HttpGet = new() { Port = 80 } },
                    ReadinessProbe = new() { TcpSocket = new() { Port = 80 }, PeriodSeconds = 3, SuccessThreshold = 2 },
                    StartupProbe = new() { HttpGet = new() { Port = 80, Path = "/ready", Scheme = "HTTPS" }, FailureThreshold = 30, TimeoutSeconds = 5 },
                },
            ],
        },
    };

    [Fact]
    public void Pods_get_kubernetes_defaults()
    {
        var pod = ObjectDefaults.Apply(Bare);

        Assert.Equal("default", pod.Metadata.Namespace);
        Assert.Equal("Always", pod.Spec.RestartPolicy);
        Assert.Equal(30, pod.Spec.TerminationGracePeriodSeconds);
        var container = pod.Spec.Containers[0];
        Assert.Equal(["TCP", "UDP", "TCP"], container.Ports.Select(p => p.Protocol));
        Assert.Equal("IfNotPresent", container.ImagePullPolicy);
        Assert.Equal(
            """{"httpGet":{"path":"/","port":80,"scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":10,"successThreshold":1,"failureThreshold":3}""",
            KubeJson.Serialize(container.LivenessProbe!));
        Assert.Equal(
            """{"tcpSocket":{"port":80},"timeoutSeconds":1,"periodSeconds":3,"successThreshold":2,"failureThreshold":3}""",
            KubeJson.Serialize(container.ReadinessProbe!));
        Assert.Equal(
            """{"httpGet":{"path":"/ready","port":80,"scheme":"HTTPS"},"timeoutSeconds":5,"periodSeconds":10,"successThreshold":1,"failureThreshold":30}""",
            KubeJson.Serialize(container.StartupProbe!));
    }

    [Fact]
    public void What_the_user_set_is_kept()
    {
        var pod = ObjectDefaults.Apply(Bare
            .WithMetadata(m => m with { Namespace = "shop" })
            .WithSpec(s => s with { RestartPolicy = "Never", TerminationGracePeriodSeconds = 0 })
            .WithContainer(c => c with { ImagePullPolicy = "Never" }));

        Assert.Equal("shop", pod.Metadata.Namespace);
        Assert.Equal("Never", pod.Spec.RestartPolicy);
        Assert.Equal(0, pod.Spec.TerminationGracePeriodSeconds);
        Assert.Equal("Never", pod.Spec.Containers[0].ImagePullPolicy);
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("docker.io/library/nginx", "Always")]
    [InlineData("localhost:5000/nginx", "Always")]
    [InlineData("localhost:5000/nginx:1.2", "IfNotPresent")]
    [InlineData("localhost:5000/team/nginx:latest", "Always")]
    [InlineData("nginx@sha256:0123abcd", "IfNotPresent")]
    [InlineData("nginx:latest@sha256:0123abcd", "Always")]
    [InlineData("nginx:1.27@sha256:0123abcd", "IfNotPresent")]
    [InlineData(null, null)]
    [InlineData("", null)]
    public void Pull_policy_follows_the_image_tag(string? image, string? policy)
    {
        var pod = ObjectDefaults.Apply(Bare.WithContainer(c => c with { Image = image }));

        Assert.Equal(policy, pod.Spec.Containers[0].ImagePullPolicy);
    }

    [Fact]
    public void Deployments_get_kubernetes_defaults_down_to_their_template()
    {
        var deployment = ObjectDefaults.Apply(new Deployment
        {
            Metadata = new() { Name = "web" },
            Spec = new() { Template = new() { Spec = Bare.Spec } },
        });

        Assert.Equal("default", deployment.Metadata.Namespace);
        Assert.Equal(1, deployment.Spec.Replicas);
        Assert.Equal("""{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}}""", KubeJson.Serialize(deployment.Spec.Strategy!));
        Assert.Equal(10, deployment.Spec.RevisionHistoryLimit);
        Assert.Equal(600, deployment.Spec.ProgressDeadlineSeconds);
        Assert.Null(deployment.Spec.MinReadySeconds);
        Assert.Null(deployment.Spec.Template.Metadata.Namespace);
        Assert.Equal("Always", deployment.Spec.Template.Spec.RestartPolicy);
        Assert.Equal("IfNotPresent", deployment.Spec.Template.Spec.Containers[0].ImagePullPolicy);
        Assert.Equal(1, deployment.Spec.Template.Spec.Containers[0].LivenessProbe!.TimeoutSeconds);
    }

    [Theory]
    [InlineData("""{"type":"Recreate"}""", """{"type":"Recreate"}""")]
    [InlineData("""{"type":"Recreate","rollingUpdate":{"maxSurge":1}}""", """{"type":"Recreate","rollingUpdate":{"maxSurge":1}}""")]
    [InlineData("""{"rollingUpdate":{"maxSurge":1}}""", """{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":"25%"}}""")]
    [InlineData("""{"type":"","rollingUpdate":{"maxUnavailable":0}}""", """{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":0}}""")]
    [InlineData("""{"type":"RollingUpdate"}""", """{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}}""")]
    [InlineData("""{"type":"BlueGreen"}""", """{"type":"BlueGreen"}""")]
    public void Strategy_defaults_fill_only_missing_parts(string given, string expected)
    {
        var strategy = System.Text.Json.JsonSerializer.Deserialize<DeploymentStrategy>(given, KubeJson.Options);
        var deployment = Samples.Deployment().WithSpec(s => s with { Strategy = strategy });

        Assert.Equal(expected, KubeJson.Serialize(ObjectDefaults.Apply(deployment).Spec.Strategy!));
    }

    [Fact]
    public void Cluster_scoped_kinds_get_no_namespace()
    {
        Assert.Null(ObjectDefaults.Apply(new Node { Metadata = new() { Name = "n" } }).Metadata.Namespace);
        Assert.Null(ObjectDefaults.Apply(new Namespace { Metadata = new() { Name = "n" } }).Metadata.Namespace);
    }

    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Applying_twice_is_applying_once(string name)
    {
        var once = ObjectDefaults.Apply(Samples.Named(name));

        Assert.Equal(KubeJson.Serialize(once), KubeJson.Serialize(ObjectDefaults.Apply(once)));
    }

    [Fact]
    public void Applying_twice_to_a_bare_pod_is_applying_once()
    {
        var once = ObjectDefaults.Apply(Bare);

        Assert.Equal(KubeJson.Serialize(once), KubeJson.Serialize(ObjectDefaults.Apply(once)));
    }

    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void The_given_object_is_not_changed(string name)
    {
        var original = Samples.Named(name);
        var before = KubeJson.Serialize(original);

        ObjectDefaults.Apply(original);

        Assert.Equal(before, KubeJson.Serialize(original));
    }

    [Fact]
    public void The_generic_overload_keeps_the_type()
    {
        Pod pod = ObjectDefaults.Apply(Bare);
        IKubeObject untyped = ObjectDefaults.Apply((IKubeObject)Bare);

        Assert.NotSame(Bare, pod);
        Assert.Equal(KubeJson.Serialize(pod), KubeJson.Serialize(untyped));
    }
}

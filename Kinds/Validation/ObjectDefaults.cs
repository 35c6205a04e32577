using OrleansKube.Api;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Pods;

namespace OrleansKube.Kinds.Validation;

/// <summary>
/// Fills in what Kubernetes fills in when an object is created, so stored objects say what will actually happen.
/// Returns a new object and never changes the one given; applying the defaults twice gives the same result as once.
/// An empty string counts as unset, as it does in Kubernetes.
/// </summary>
public static class ObjectDefaults
{
    public const string DefaultRestartPolicy = PodSpecValidation.RestartAlways;
    public const long DefaultTerminationGracePeriodSeconds = 30;
    public const string DefaultProtocol = "TCP";
    public const int DefaultProbeTimeoutSeconds = 1;
    public const int DefaultProbePeriodSeconds = 10;
    public const int DefaultProbeSuccessThreshold = 1;
    public const int DefaultProbeFailureThreshold = 3;
    public const int DefaultReplicas = 1;
    public const string DefaultMaxSurge = "25%";
    public const string DefaultMaxUnavailable = "25%";
    public const int DefaultRevisionHistoryLimit = 10;
    public const int DefaultProgressDeadlineSeconds = 600;

    /// <summary><paramref name="obj"/> with its defaults.</summary>
    public static T Apply<T>(T obj) where T : IKubeObject<T> => (T)Apply((IKubeObject)obj);

    /// <summary><paramref name="obj"/> with its kind's defaults and, when namespaced, the <c>default</c> namespace if it names none.</summary>
    public static IKubeObject Apply(IKubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var kind = KindRegistry.For(obj);
        var result = kind.WithDefaults(obj);
        return kind.Resource.Namespaced && string.IsNullOrEmpty(result.Metadata.Namespace)
            ? kind.Run(new WithNamespace(result, Namespace.Default))
            : result;
    }

    /// <summary>A pod's defaults.</summary>
    public static Pod ForPod(Pod pod) => pod with { Spec = Apply(pod.Spec) };

    /// <summary>A deployment's defaults, its pod template's among them.</summary>
    public static Deployment ForDeployment(Deployment deployment) => deployment with { Spec = Apply(deployment.Spec) };

    private static DeploymentSpec Apply(DeploymentSpec spec)
    {
        var strategy = spec.Strategy ?? new DeploymentStrategy();
        if (string.IsNullOrEmpty(strategy.Type))
        {
            strategy = strategy with { Type = DeploymentStrategy.RollingUpdateType };
        }

        // Recreate has no rolling bounds; one given anyway is left for validation to report.
        if (strategy.Type == DeploymentStrategy.RollingUpdateType)
        {
            var rolling = strategy.RollingUpdate ?? new RollingUpdateDeployment();
            strategy = strategy with
            {
                RollingUpdate = rolling with
                {
                    MaxSurge = rolling.MaxSurge ?? DefaultMaxSurge,
                    MaxUnavailable = rolling.MaxUnavailable ?? DefaultMaxUnavailable,
                },
            };
        }

        return spec with
        {
            Replicas = spec.Replicas ?? DefaultReplicas,
            Strategy = strategy,
            RevisionHistoryLimit = spec.RevisionHistoryLimit ?? DefaultRevisionHistoryLimit,
            ProgressDeadlineSeconds = spec.ProgressDeadlineSeconds ?? DefaultProgressDeadlineSeconds,
            Template = spec.Template with { Spec = Apply(spec.Template.Spec) },
        };
    }

    private static PodSpec Apply(PodSpec spec) => spec with
    {
        RestartPolicy = OrDefault(spec.RestartPolicy, DefaultRestartPolicy),
        TerminationGracePeriodSeconds = spec.TerminationGracePeriodSeconds ?? DefaultTerminationGracePeriodSeconds,
        Containers = [.. spec.Containers.Select(Apply)],
    };

    private static Container Apply(Container container) => container with
    {
        Ports = [.. container.Ports.Select(port => port with { Protocol = OrDefault(port.Protocol, DefaultProtocol) })],
        ImagePullPolicy = string.IsNullOrEmpty(container.ImagePullPolicy) && !string.IsNullOrEmpty(container.Image)
            ? PullPolicyFor(container.Image)
            : container.ImagePullPolicy,
        Resources = Apply(container.Resources),
        LivenessProbe = Apply(container.LivenessProbe),
        ReadinessProbe = Apply(container.ReadinessProbe),
        StartupProbe = Apply(container.StartupProbe),
    };

    // As Kubernetes: a resource with a limit and no request requests its limit, so scheduling reserves what may be used.
    private static ResourceRequirements Apply(ResourceRequirements resources)
    {
        var requests = resources.Requests;
        foreach (var (name, limit) in resources.Limits)
        {
            if (!requests.ContainsKey(name))
            {
                requests = requests.Add(name, limit);
            }
        }

        return ReferenceEquals(requests, resources.Requests) ? resources : resources with { Requests = requests };
    }

    private static Probe? Apply(Probe? probe) => probe is null ? null : probe with
    {
        TimeoutSeconds = probe.TimeoutSeconds ?? DefaultProbeTimeoutSeconds,
        PeriodSeconds = probe.PeriodSeconds ?? DefaultProbePeriodSeconds,
        SuccessThreshold = probe.SuccessThreshold ?? DefaultProbeSuccessThreshold,
        FailureThreshold = probe.FailureThreshold ?? DefaultProbeFailureThreshold,
        HttpGet = probe.HttpGet is null ? null : probe.HttpGet with
        {
            Scheme = OrDefault(probe.HttpGet.Scheme, "HTTP"),
            Path = OrDefault(probe.HttpGet.Path, "/"),
        },
    };

    /// <summary>
    /// Kubernetes pulls <c>:latest</c> (and untagged images, which mean latest) every time, since the tag moves;
    /// a fixed tag or a digest is pulled only when missing.
    /// </summary>
    public static string PullPolicyFor(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var hasDigest = at >= 0;
        var name = hasDigest ? image[..at] : image;

        // A ':' before the last '/' belongs to a registry host and port, not to the tag.
        var colon = name.LastIndexOf(':');
        var tag = colon > name.LastIndexOf('/') ? name[(colon + 1)..] : null;
        var latest = tag == "latest" || (tag is null && !hasDigest);
        return latest ? ContainerValidation.PullAlways : ContainerValidation.PullIfNotPresent;
    }

    private static string OrDefault(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;

    private sealed class WithNamespace(IKubeObject obj, string @namespace) : IKindAction<IKubeObject>
    {
        public IKubeObject Run<T>()
            where T : class, IKubeObject<T> =>
            ((T)obj).WithMetadata(obj.Metadata with { Namespace = @namespace });
    }
}

using System.Collections.Immutable;
using OrleansKube.Deployments;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Pods;
using OrleansKube.Serialization;

namespace OrleansKube.Tests.Unit.Deployments;

/// <summary>
/// A seeded observed world for the deployment reconciler: the deployment, its pods, its history and the time. Applying
/// a plan makes the next world: pods deleted last time are gone, pods deleted now are terminating, new pods exist
/// (ready at once unless told otherwise), and the status and history are what the plan says.
/// </summary>
internal sealed class World
{
    public const string Name = "web";
    public const string Namespace = "default";
    public const string Uid = "uid-web";
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private int _uids;

    public World(Deployment deployment) => Deployment = deployment;

    public Deployment Deployment { get; set; }

    public List<Pod> Pods { get; } = [];

    public ImmutableList<DeploymentRevision> History { get; set; } = [];

    public DateTimeOffset Now { get; set; } = T0;

    public string Hash => PodTemplateHash.Compute(Deployment.Spec.Template);

    public IEnumerable<Pod> Alive => Pods.Where(pod => pod.Metadata.DeletionTimestamp is null && pod.Status?.Phase is not (PodPhase.Failed or PodPhase.Succeeded));

    public int AvailableCount => Alive.Count(pod => PodState.IsAvailable(pod, Deployment.Spec.MinReadySeconds ?? 0, Now));

    public static Deployment NewDeployment(
        int replicas = 3, string image = "nginx:1", string? strategy = null, IntOrString? maxSurge = null, IntOrString? maxUnavailable = null,
        int minReadySeconds = 0, int revisionHistoryLimit = 10, int progressDeadlineSeconds = 600) => new()
    {
        Metadata = new ObjectMeta { Name = Name, Namespace = Namespace, Uid = Uid, Generation = 1 },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = ImmutableSortedDictionary<string, string>.Empty.Add("app", Name) },
            Template = Template(image),
            Strategy = strategy == DeploymentStrategy.RecreateType
                ? new DeploymentStrategy { Type = strategy }
                : new DeploymentStrategy
                {
                    Type = DeploymentStrategy.RollingUpdateType,
                    RollingUpdate = new RollingUpdateDeployment { MaxSurge = maxSurge ?? "25%", MaxUnavailable = maxUnavailable ?? "25%" },
                },
            RevisionHistoryLimit = revisionHistoryLimit,
            MinReadySeconds = minReadySeconds,
            ProgressDeadlineSeconds = progressDeadlineSeconds,
        },
    };

    public static PodTemplateSpec Template(string image) => new()
    {
        Metadata = new ObjectMeta
        {
            Labels = ImmutableSortedDictionary<string, string>.Empty.Add("app", Name),
            Annotations = ImmutableSortedDictionary<string, string>.Empty.Add("note", "kept"),
        },
        Spec = new PodSpec { Containers = [new Container { Name = "web", Image = image }] },
    };

    /// <summary>A world whose pods are exactly the deployment's, all ready and available, and whose status and history are settled.</summary>
    public static World Converged(Deployment deployment)
    {
        var world = new World(deployment);
        world.Converge();
        return world;
    }

    /// <summary>Changes the spec as a user would: the generation goes up.</summary>
    public void Update(Func<DeploymentSpec, DeploymentSpec> change) =>
        Deployment = Deployment with
        {
            Metadata = Deployment.Metadata with { Generation = (Deployment.Metadata.Generation ?? 0) + 1 },
            Spec = change(Deployment.Spec),
        };

    public void SetImage(string image) => Update(spec => spec with { Template = Template(image) });

    public ReconcilePlan Reconcile() => DeploymentReconciler.Reconcile(new ReconcileInput(Deployment, [.. Pods], History, Now));

    public ReconcilePlan Step(bool ready = true)
    {
        var plan = Reconcile();
        Apply(plan, ready);
        return plan;
    }

    /// <summary>Steps until a reconcile asks for nothing and changes neither status nor history; returns how many steps that took.</summary>
    public int Converge(bool ready = true, int maxSteps = 200)
    {
        for (var steps = 0; steps < maxSteps; steps++)
        {
            var (status, history) = (Deployment.Status, History);
            var plan = Step(ready);
            if (plan.Create.IsEmpty && plan.Delete.IsEmpty && !Pods.Any(pod => pod.Metadata.DeletionTimestamp is not null)
                && KubeJson.SameJson(status, plan.Status) && KubeJson.SameJson(history, plan.History))
            {
                return steps;
            }
        }

        throw new InvalidOperationException("did not converge");
    }

    public void Apply(ReconcilePlan plan, bool ready = true)
    {
        Pods.RemoveAll(pod => pod.Metadata.DeletionTimestamp is not null);
        foreach (var name in plan.Delete)
        {
            var index = Pods.FindIndex(pod => pod.Metadata.Name == name);
            Pods[index] = Pods[index] with { Metadata = Pods[index].Metadata with { DeletionTimestamp = Now } };
        }

        foreach (var pod in plan.Create)
        {
            Assert.DoesNotContain(Pods, existing => existing.Metadata.Name == pod.Metadata.Name);
            var created = pod with { Metadata = pod.Metadata with { Uid = $"pod-uid-{++_uids}", CreationTimestamp = Now } };
            Pods.Add(ready ? Ready(created, Now) : created);
        }

        Deployment = Deployment with { Status = plan.Status };
        History = plan.History;
    }

    public static Pod Ready(Pod pod, DateTimeOffset since) => pod with
    {
        Spec = pod.Spec with { NodeName = pod.Spec.NodeName ?? "node-1" },
        Status = new PodStatus
        {
            Phase = PodPhase.Running,
            Conditions = [new PodCondition { Type = WellKnown.PodReady, Status = WellKnown.ConditionTrue, LastTransitionTime = since }],
        },
    };

    public static Pod NotReady(Pod pod) => pod with { Status = new PodStatus { Phase = PodPhase.Running } };

    public static Pod WithPhase(Pod pod, string phase) => pod with { Status = (pod.Status ?? new PodStatus()) with { Phase = phase } };

    /// <summary>A pod as the deployment would own it, of the given template hash.</summary>
    public static Pod OwnedPod(string name, string hash, DateTimeOffset created, string ownerUid = Uid, bool? controller = true) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Namespace = Namespace,
            Uid = "uid-" + name,
            CreationTimestamp = created,
            Labels = ImmutableSortedDictionary<string, string>.Empty.Add("app", Name).Add(PodTemplateHash.Label, hash),
            OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = Name, Uid = ownerUid, Controller = controller }],
        },
        Spec = Template("nginx:1").Spec,
    };

    public void Replace(string name, Func<Pod, Pod> change)
    {
        var index = Pods.FindIndex(pod => pod.Metadata.Name == name);
        Pods[index] = change(Pods[index]);
    }
}

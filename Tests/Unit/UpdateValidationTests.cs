using OrleansKube.Kinds.Validation;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Pods;

namespace OrleansKube.Tests.Unit;

public sealed class UpdateValidationTests
{
    private const string Forbidden = "Pod \"web-0\": spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`";

    private static Pod StoredPod => Stored(Samples.Pod());

    private static Deployment StoredDeployment => Stored(Samples.Deployment());

    private static T Stored<T>(T obj) where T : IKubeObject<T> =>
        ObjectDefaults.Apply(obj).WithMetadata(ObjectDefaults.Apply(obj).Metadata with { Uid = "uid-1", ResourceVersion = "7" });

    private static readonly Dictionary<string, (IKubeObject Stored, IKubeObject Updated, string Expected)> Cases = new()
    {
        ["renamed"] = (StoredPod, StoredPod.WithMetadata(m => m with { Name = "web-1" }), "Pod \"web-1\": metadata.name: Invalid value: \"web-1\": field is immutable"),
        ["moved to another namespace"] = (StoredPod, StoredPod.WithMetadata(m => m with { Namespace = "other" }), "Pod \"web-0\": metadata.namespace: Invalid value: \"other\": field is immutable"),
        ["another uid"] = (StoredDeployment, StoredDeployment with { Metadata = StoredDeployment.Metadata with { Uid = "uid-2" } }, "Deployment \"web\": metadata.uid: Invalid value: \"uid-2\": field is immutable"),
        ["selector changed"] = (StoredDeployment, StoredDeployment.WithSpec(s => s with { Selector = new() { MatchLabels = Samples.Labels("app=other") } }), "Deployment \"web\": spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"other\"}}: field is immutable"),
        ["selector removed"] = (StoredDeployment, StoredDeployment.WithSpec(s => s with { Selector = null }), "Deployment \"web\": spec.selector: Invalid value: null: field is immutable"),
        ["pod restart policy changed"] = (StoredPod, StoredPod.WithSpec(s => s with { RestartPolicy = "Never" }), Forbidden),
        ["pod command changed"] = (StoredPod, StoredPod.WithContainer(c => c with { Command = ["sh"] }), Forbidden),
        ["pod moved to another node"] = (StoredPod.WithSpec(s => s with { NodeName = "n1" }), StoredPod.WithSpec(s => s with { NodeName = "n2" }), Forbidden),
        ["pod container added"] = (StoredPod, StoredPod.WithSpec(s => s with { Containers = s.Containers.Add(new() { Name = "extra", Image = "busybox" }) }), "Pod \"web-0\": spec.containers: Forbidden: pod updates may not add or remove containers"),
        ["pod renamed and changed"] = (StoredPod, StoredPod.WithMetadata(m => m with { Name = "web-1" }).WithSpec(s => s with { TerminationGracePeriodSeconds = 5 }), "Pod \"web-1\": metadata.name: Invalid value: \"web-1\": field is immutable" + Environment.NewLine + "Pod \"web-1\": spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`"),
    };

    public static TheoryData<string> InvalidCases => Check.Names(Cases);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Reports_changes_that_are_not_allowed(string name)
    {
        var (stored, updated, expected) = Cases[name];

        Assert.Equal(expected, Check.UpdateErrors(stored, updated));
    }

    private static readonly Dictionary<string, (IKubeObject Stored, IKubeObject Updated)> Allowed = new()
    {
        ["nothing changed"] = (StoredPod, StoredPod),
        ["image changed"] = (StoredPod, StoredPod.WithSpec(s => s with { Containers = [.. s.Containers.Select(c => c with { Image = c.Image + "-next" })] })),
        ["labels and annotations changed"] = (StoredPod, StoredPod.WithMetadata(m => m with { Labels = Samples.Labels("app=web", "v=2"), Annotations = Samples.Labels("a=b") })),
        ["uid left out"] = (StoredPod, StoredPod.WithMetadata(m => m with { Uid = null })),
        ["node name left out of a bound pod"] = (StoredPod.WithSpec(s => s with { NodeName = "n1" }), StoredPod),
        ["deployment scaled and rolled"] = (StoredDeployment, StoredDeployment.WithSpec(s => s with { Replicas = 9 }).WithTemplateSpec(s => s with { Containers = [new() { Name = "new", Image = "new:2" }] })),
        ["deployment selector written the same"] = (StoredDeployment, StoredDeployment.WithSpec(s => s with { Selector = s.Selector! with { MatchLabels = Samples.Labels("app=web") } })),
        ["namespace relabelled"] = (Samples.Namespace(), Samples.Namespace() with { Metadata = Samples.Namespace().Metadata with { Labels = Samples.Labels("team=b") } }),
    };

    public static TheoryData<string> AllowedCases => Check.Names(Allowed);

    [Theory]
    [MemberData(nameof(AllowedCases))]
    public void Allows_what_kubernetes_allows(string name)
    {
        var (stored, updated) = Allowed[name];

        Assert.Empty(ObjectValidator.ValidateUpdate(stored, updated));
    }
}

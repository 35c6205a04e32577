using OrleansKube.Model;
using OrleansKube.Model.Deployments;

namespace OrleansKube.Tests.Unit;

public sealed class DeploymentValidationTests
{
    private const string D = "Deployment \"web\": ";
    private const string Percent = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

    private static Deployment Deployment => Samples.Deployment();

    private static Deployment Rolling(IntOrString? surge, IntOrString? unavailable) =>
        Deployment.WithSpec(s => s with { Strategy = new() { Type = "RollingUpdate", RollingUpdate = new() { MaxSurge = surge, MaxUnavailable = unavailable } } });

    private static readonly Dictionary<string, (Deployment Deployment, string[] Lines)> Cases = new()
    {
        ["negative replicas"] = (Deployment.WithSpec(s => s with { Replicas = -1 }), [D + "spec.replicas: Invalid value: -1: must be greater than or equal to 0"]),
        ["no selector"] = (Deployment.WithSpec(s => s with { Selector = null }), [D + "spec.selector: Required value"]),
        ["empty selector"] = (Deployment.WithSpec(s => s with { Selector = new() }), [D + "spec.selector: Invalid value: {}: empty selector is invalid for deployment"]),
        ["selector operator"] = (Deployment.WithSpec(s => s with { Selector = s.Selector! with { MatchExpressions = [new() { Key = "tier", Operator = "Is", Values = ["front"] }] } }), [D + "spec.selector.matchExpressions[0].operator: Invalid value: \"Is\": not a valid selector operator"]),
        ["In without values"] = (Deployment.WithSpec(s => s with { Selector = s.Selector! with { MatchExpressions = [new() { Key = "tier", Operator = "In" }] } }), [D + "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"]),
        ["DoesNotExist with values"] = (Deployment.WithSpec(s => s with { Selector = s.Selector! with { MatchExpressions = s.Selector.MatchExpressions.SetItem(1, s.Selector.MatchExpressions[1] with { Values = ["x"] }) } }), [D + "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]),
        ["selector key"] = (Deployment.WithSpec(s => s with { Selector = s.Selector! with { MatchExpressions = [new() { Key = "bad key", Operator = "Exists" }] } }), [D + "spec.selector.matchExpressions[0].key: Invalid value: \"bad key\": name part " + Check.QualifiedName]),
        ["selector value"] = (Deployment.WithSpec(s => s with { Selector = s.Selector! with { MatchExpressions = [new() { Key = "tier", Operator = "In", Values = ["front", "-x"] }] } }), [D + "spec.selector.matchExpressions[0].values[1]: Invalid value: \"-x\": " + Check.LabelValue]),
        ["selector labels"] = (Deployment.WithSpec(s => s with { Selector = new() { MatchLabels = Samples.Labels("app=-web") } }), [D + "spec.selector.matchLabels: Invalid value: \"-web\": " + Check.LabelValue]),
        ["template does not match"] = (Deployment.WithSpec(s => s with { Template = s.Template with { Metadata = new() { Labels = Samples.Labels("app=x", "tier=front") } } }), [D + "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"x\", \"tier\":\"front\"}: `selector` does not match template `labels`"]),
        ["template without labels"] = (Deployment.WithSpec(s => s with { Template = s.Template with { Metadata = new() } }), [D + "spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`"]),
        ["template label key"] = (Deployment.WithSpec(s => s with { Template = s.Template with { Metadata = new() { Labels = Samples.Labels("app=web", "tier=front", "bad key=x") } } }), [D + "spec.template.metadata.labels: Invalid value: \"bad key\": name part " + Check.QualifiedName]),
        ["template annotation key"] = (Deployment.WithSpec(s => s with { Template = s.Template with { Metadata = s.Template.Metadata with { Annotations = Samples.Labels("-a=b") } } }), [D + "spec.template.metadata.annotations: Invalid value: \"-a\": name part " + Check.QualifiedName]),
        ["template restart policy"] = (Deployment.WithTemplateSpec(s => s with { RestartPolicy = "OnFailure" }), [D + "spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\""]),
        ["template without containers"] = (Deployment.WithTemplateSpec(s => s with { Containers = [] }), [D + "spec.template.spec.containers: Required value"]),
        ["template container image"] = (Deployment.WithTemplateSpec(s => s with { Containers = s.Containers.SetItem(1, s.Containers[1] with { Image = "" }) }), [D + "spec.template.spec.containers[1].image: Required value"]),
        ["strategy type"] = (Deployment.WithSpec(s => s with { Strategy = new() { Type = "BlueGreen" } }), [D + "spec.strategy.type: Unsupported value: \"BlueGreen\": supported values: \"Recreate\", \"RollingUpdate\""]),
        ["recreate with rolling update"] = (Deployment.WithSpec(s => s with { Strategy = new() { Type = "Recreate", RollingUpdate = new() { MaxSurge = 1 } } }), [D + "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]),
        ["surge not a percentage"] = (Rolling("abc", 1), [D + "spec.strategy.rollingUpdate.maxSurge: Invalid value: abc: " + Percent]),
        ["surge negative"] = (Rolling(-1, 1), [D + "spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0"]),
        ["unavailable with a fraction"] = (Rolling(1, "2.5%"), [D + "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 2.5%: " + Percent]),
        ["unavailable above 100%"] = (Rolling(1, "150%"), [D + "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 150%: must not be greater than 100%"]),
        ["both zero"] = (Rolling(0, 0), [D + "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"]),
        ["both zero percent"] = (Rolling("0%", "0%"), [D + "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0%: may not be 0 when `maxSurge` is 0"]),
        ["negative history limit"] = (Deployment.WithSpec(s => s with { RevisionHistoryLimit = -1 }), [D + "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0"]),
        ["negative min ready seconds"] = (Deployment.WithSpec(s => s with { MinReadySeconds = -1 }), [D + "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"]),
        ["deadline not after min ready"] = (Deployment.WithSpec(s => s with { MinReadySeconds = 30, ProgressDeadlineSeconds = 30 }), [D + "spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds"]),
        ["negative deadline"] = (Deployment.WithSpec(s => s with { ProgressDeadlineSeconds = -5 }), [D + "spec.progressDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0", D + "spec.progressDeadlineSeconds: Invalid value: -5: must be greater than minReadySeconds"]),
        ["deployment name"] = (Deployment with { Metadata = Deployment.Metadata with { Name = "Web" } }, ["Deployment \"Web\": metadata.name: Invalid value: \"Web\": " + Check.Subdomain]),
    };

    public static TheoryData<string> InvalidCases => Check.Names(Cases);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Reports_each_invalid_field_as_kubernetes_words_it(string name)
    {
        var (deployment, lines) = Cases[name];

        Assert.Equal(Check.Lines(lines), Check.Errors(deployment));
    }
}

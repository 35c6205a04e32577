using OrleansKube.Api;
using OrleansKube.Kinds.Validation;
using OrleansKube.Model;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Pods;

namespace OrleansKube.Tests.Unit;

/// <summary>Kubernetes' wording of its naming rules, and how the validation tests run a case.</summary>
internal static class Check
{
    public const string Label = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    public const string Subdomain = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    public const string QualifiedName = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    public const string LabelValue = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    public const string PortRange = "must be between 1 and 65535, inclusive";

    /// <summary>What the API server would answer for <paramref name="obj"/>: defaults applied, then every error line.</summary>
    public static string Errors(IKubeObject obj)
    {
        var defaulted = ObjectDefaults.Apply(obj);
        return ApiException.FormatInvalid(defaulted.Kind, defaulted.Metadata.Name, ObjectValidator.Validate(defaulted));
    }

    public static string UpdateErrors(IKubeObject stored, IKubeObject updated) =>
        ApiException.FormatInvalid(updated.Kind, updated.Metadata.Name, ObjectValidator.ValidateUpdate(stored, updated));

    public static string Lines(params string[] lines) => string.Join(Environment.NewLine, lines);

    public static TheoryData<string> Names<T>(IReadOnlyDictionary<string, T> table)
    {
        var names = new TheoryData<string>();
        foreach (var name in table.Keys)
        {
            names.Add(name);
        }

        return names;
    }
}

public sealed class ValidationTests
{
    [Theory]
    [MemberData(nameof(Samples.All), MemberType = typeof(Samples))]
    public void Valid_samples_have_no_errors(string name)
    {
        Assert.Equal("", Check.Errors(Samples.Named(name)));
    }

    public static TheoryData<string> ValidEdgeCases => Check.Names(Valid);

    private static readonly Dictionary<string, IKubeObject> Valid = new()
    {
        ["generated name only"] = Samples.Pod().WithMetadata(m => m with { Name = null, GenerateName = "web-" }),
        ["name of 253 characters"] = Samples.Pod().WithMetadata(m => m with { Name = new string('a', 63) + "." + new string('b', 63) + "." + new string('c', 63) + "." + new string('d', 61) }),
        ["numeric name"] = Samples.Pod().WithMetadata(m => m with { Name = "123" }),
        ["namespace of 63 characters"] = Samples.Pod().WithMetadata(m => m with { Namespace = new string('n', 63) }),
        ["label key with prefix and long name"] = Samples.Pod().WithMetadata(m => m with { Labels = Samples.Labels($"a.b.c/{new string('x', 63)}=v") }),
        ["label value of 63 characters"] = Samples.Pod().WithMetadata(m => m with { Labels = Samples.Labels($"k={new string('v', 63)}") }),
        ["annotation key in upper case"] = Samples.Pod().WithMetadata(m => m with { Annotations = Samples.Labels("Example.COM/Owner=anything at all: really") }),
        ["annotations just under the limit"] = Samples.Pod().WithMetadata(m => m with { Annotations = Samples.Labels($"a={new string('x', (256 * 1024) - 1)}") }),
        ["restart policy Never"] = Samples.Pod().WithSpec(s => s with { RestartPolicy = "Never" }),
        ["port 65535 by name probe"] = Samples.Pod().WithContainer(c => c with { Ports = [new() { Name = "p-1", Number = 65535 }], LivenessProbe = new() { TcpSocket = new() { Port = "p-1" } } }),
        ["hugepages request equal to limit"] = Samples.Pod().WithContainer(c => c with { Resources = new() { Requests = Samples.Resources("hugepages-2Mi=4Mi"), Limits = Samples.Resources("hugepages-2Mi=4Mi") } }),
        ["request equal to limit"] = Samples.Pod().WithContainer(c => c with { Resources = new() { Requests = Samples.Resources("cpu=1000m"), Limits = Samples.Resources("cpu=1") } }),
        ["limit without request"] = Samples.Pod().WithContainer(c => c with { Resources = new() { Limits = Samples.Resources("memory=1Gi", "ephemeral-storage=2Gi") } }),
        ["env name with dots and dashes"] = Samples.Pod().WithContainer(c => c with { Env = [new() { Name = "my.setting-1" }] }),
        ["toleration matching every taint"] = Samples.Pod().WithSpec(s => s with { Tolerations = [new() { Operator = "Exists" }] }),
        ["zero grace period"] = Samples.Pod().WithSpec(s => s with { TerminationGracePeriodSeconds = 0 }),
        ["bound pod"] = Samples.Pod().WithSpec(s => s with { NodeName = "node-1.example.com" }),
        ["recreate deployment"] = Samples.Deployment().WithSpec(s => s with { Strategy = new() { Type = "Recreate" } }),
        ["scaled to zero"] = Samples.Deployment().WithSpec(s => s with { Replicas = 0 }),
        ["surge zero with unavailable one"] = Samples.Deployment().WithSpec(s => s with { Strategy = new() { RollingUpdate = new() { MaxSurge = 0, MaxUnavailable = 1 } } }),
        ["unavailable 100%"] = Samples.Deployment().WithSpec(s => s with { Strategy = new() { RollingUpdate = new() { MaxUnavailable = "100%" } } }),
        ["selector by expressions only"] = Samples.Deployment().WithSpec(s => s with { Selector = LabelSelectorParser.Parse("tier in (front)") }),
        ["namespace without spec"] = new Namespace { Metadata = new() { Name = "kube-system" } },
        ["namespace with qualified finalizer"] = new Namespace { Metadata = new() { Name = "a" }, Spec = new() { Finalizers = ["example.com/cleanup"] } },
    };

    [Theory]
    [MemberData(nameof(ValidEdgeCases))]
    public void Edge_cases_that_are_valid_have_no_errors(string name)
    {
        Assert.Equal("", Check.Errors(Valid[name]));
    }

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        var pod = new Pod
        {
            Metadata = new() { Name = "Bad_Name", Namespace = "shop" },
            Spec = new() { Containers = [new() { Name = "c" }, new() { Name = "c", Image = "x" }], RestartPolicy = "Maybe" },
        };

        Assert.Equal(
            Check.Lines(
                $"Pod \"Bad_Name\": metadata.name: Invalid value: \"Bad_Name\": {Check.Subdomain}",
                "Pod \"Bad_Name\": spec.containers[0].image: Required value",
                "Pod \"Bad_Name\": spec.containers[1].name: Duplicate value: \"c\"",
                "Pod \"Bad_Name\": spec.restartPolicy: Unsupported value: \"Maybe\": supported values: \"Always\", \"OnFailure\", \"Never\""),
            Check.Errors(pod));
    }

    [Fact]
    public void Errors_carry_type_value_and_detail_separately()
    {
        var error = Assert.Single(ObjectValidator.Validate(ObjectDefaults.Apply(Samples.Deployment().WithSpec(s => s with { Replicas = -1 }))));

        Assert.Equal(new FieldError { Field = "spec.replicas", Type = FieldErrorType.Invalid, Value = "-1", Detail = "must be greater than or equal to 0" }, error);
    }
}

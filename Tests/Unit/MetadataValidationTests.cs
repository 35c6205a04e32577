using OrleansKube.Model;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Nodes;

namespace OrleansKube.Tests.Unit;

public sealed class MetadataValidationTests
{
    private const string P = "Pod \"web-0\": ";

    private static readonly string LongName = new('a', 64);

    private static readonly Dictionary<string, (IKubeObject Object, string[] Lines)> Cases = new()
    {
        ["no name"] = (Samples.Pod().WithMetadata(m => m with { Name = null }), ["Pod: metadata.name: Required value: name or generateName is required"]),
        ["name not a subdomain"] = (Samples.Pod().WithMetadata(m => m with { Name = "Web_1" }), [$"Pod \"Web_1\": metadata.name: Invalid value: \"Web_1\": {Check.Subdomain}"]),
        ["name too long"] = (Samples.Pod().WithMetadata(m => m with { Name = new string('a', 254) }), [$"Pod \"{new string('a', 254)}\": metadata.name: Invalid value: \"{new string('a', 254)}\": must be no more than 253 characters"]),
        ["name ending in a dot"] = (Samples.Pod().WithMetadata(m => m with { Name = "web." }), [$"Pod \"web.\": metadata.name: Invalid value: \"web.\": {Check.Subdomain}"]),
        ["generate name not a subdomain"] = (Samples.Pod().WithMetadata(m => m with { Name = null, GenerateName = "Web-" }), [$"Pod: metadata.generateName: Invalid value: \"Web-\": {Check.Subdomain}"]),
        ["namespace not a label"] = (Samples.Pod().WithMetadata(m => m with { Namespace = "Shop" }), [$"{P}metadata.namespace: Invalid value: \"Shop\": {Check.Label}"]),
        ["namespace with dots"] = (Samples.Pod().WithMetadata(m => m with { Namespace = "a.b" }), [$"{P}metadata.namespace: Invalid value: \"a.b\": must not contain dots"]),
        ["namespace too long"] = (Samples.Pod().WithMetadata(m => m with { Namespace = LongName }), [$"{P}metadata.namespace: Invalid value: \"{LongName}\": must be no more than 63 characters"]),
        ["negative generation"] = (Samples.Pod().WithMetadata(m => m with { Generation = -1 }), [$"{P}metadata.generation: Invalid value: -1: must be greater than or equal to 0"]),
        ["label key with a space"] = (Samples.Pod().WithMetadata(m => m with { Labels = Samples.Labels("bad key=x") }), [$"{P}metadata.labels: Invalid value: \"bad key\": name part {Check.QualifiedName}"]),
        ["label key with a bad prefix"] = (Samples.Pod().WithMetadata(m => m with { Labels = Samples.Labels("Example.com/x=y") }), [$"{P}metadata.labels: Invalid value: \"Example.com/x\": prefix part {Check.Subdomain}"]),
        ["label key with an empty prefix"] = (Samples.Pod().WithMetadata(m => m with { Labels = Samples.Labels("/x=y") }), [$"{P}metadata.labels: Invalid value: \"/x\": prefix part must be non-empty"]),
        ["label key with an empty name"] = (Samples.Pod().WithMetadata(m => m with { Labels = Samples.Labels("example.com/=y") }), [$"{P}metadata.labels: Invalid value: \"example.com/\": name part must be non-empty", $"{P}metadata.labels: Invalid value: \"example.com/\": name part {Check.QualifiedName}"]),
        ["label key with two slashes"] = (Samples.Pod().WithMetadata(m => m with { Labels = Samples.Labels("a/b/c=y") }), [$"{P}metadata.labels: Invalid value: \"a/b/c\": a qualified name {Check.QualifiedName} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]),
        ["label key name too long"] = (Samples.Pod().WithMetadata(m => m with { Labels = Samples.Labels($"{LongName}=y") }), [$"{P}metadata.labels: Invalid value: \"{LongName}\": name part must be no more than 63 characters"]),
        ["label value too long"] = (Samples.Pod().WithMetadata(m => m with { Labels = Samples.Labels($"k={LongName}") }), [$"{P}metadata.labels: Invalid value: \"{LongName}\": must be no more than 63 characters"]),
        ["label value not valid"] = (Samples.Pod().WithMetadata(m => m with { Labels = Samples.Labels("k=-x") }), [$"{P}metadata.labels: Invalid value: \"-x\": {Check.LabelValue}"]),
        ["annotation key"] = (Samples.Pod().WithMetadata(m => m with { Annotations = Samples.Labels("bad key=x") }), [$"{P}metadata.annotations: Invalid value: \"bad key\": name part {Check.QualifiedName}"]),
        ["annotations too large"] = (Samples.Pod().WithMetadata(m => m with { Annotations = Samples.Labels($"a={new string('x', 256 * 1024)}") }), [$"{P}metadata.annotations: Too long: may not be more than 262144 bytes"]),
        ["owner reference without uid"] = (Samples.Pod().WithMetadata(m => m with { OwnerReferences = [new() { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "web" }] }), [$"{P}metadata.ownerReferences[0].uid: Invalid value: \"\": uid must not be empty"]),
        ["owner reference without version"] = (Samples.Pod().WithMetadata(m => m with { OwnerReferences = [new() { ApiVersion = "apps/", Kind = "ReplicaSet", Name = "web", Uid = "1" }] }), [$"{P}metadata.ownerReferences[0].apiVersion: Invalid value: \"apps/\": version must not be empty"]),
        ["two controllers"] = (Samples.Pod().WithMetadata(m => m with { OwnerReferences = [new() { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "a", Uid = "1", Controller = true }, new() { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "b", Uid = "2", Controller = true }] }), [$"{P}metadata.ownerReferences[1].controller: Invalid value: true: Only one reference can have Controller set to true. Found \"true\" in references for ReplicaSet/a and ReplicaSet/b"]),
        ["namespace on a node"] = (Samples.Node() with { Metadata = Samples.Node().Metadata with { Namespace = "default" } }, ["Node \"node-1.example.com\": metadata.namespace: Forbidden: not allowed on this type"]),
        ["node name not a subdomain"] = (Samples.Node() with { Metadata = new() { Name = "Node 1" } }, [$"Node \"Node 1\": metadata.name: Invalid value: \"Node 1\": {Check.Subdomain}"]),
        ["namespace name with dots"] = (new Namespace { Metadata = new() { Name = "my.ns" } }, ["Namespace \"my.ns\": metadata.name: Invalid value: \"my.ns\": must not contain dots"]),
        ["namespace name in capitals"] = (new Namespace { Metadata = new() { Name = "Prod" } }, [$"Namespace \"Prod\": metadata.name: Invalid value: \"Prod\": {Check.Label}"]),
        ["namespace inside a namespace"] = (new Namespace { Metadata = new() { Name = "a", Namespace = "b" } }, ["Namespace \"a\": metadata.namespace: Forbidden: not allowed on this type"]),
        ["namespace finalizer"] = (new Namespace { Metadata = new() { Name = "a" }, Spec = new() { Finalizers = ["custom"] } }, ["Namespace \"a\": spec.finalizers: Invalid value: \"custom\": name is neither a standard finalizer name nor is it fully qualified"]),
    };

    public static TheoryData<string> InvalidCases => Check.Names(Cases);

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Reports_each_invalid_field_as_kubernetes_words_it(string name)
    {
        var (obj, lines) = Cases[name];

        Assert.Equal(Check.Lines(lines), Check.Errors(obj));
    }

    [Fact]
    public void A_namespaced_object_without_namespace_is_invalid_when_not_defaulted()
    {
        var pod = Samples.Pod().WithMetadata(m => m with { Namespace = null });

        var errors = OrleansKube.Kinds.Validation.ObjectValidator.Validate(pod);

        Assert.Equal("metadata.namespace: Required value", Assert.Single(errors).ToString());
    }

    [Fact]
    public void A_name_that_breaks_two_rules_gets_two_errors()
    {
        var name = new string('A', 254);

        var lines = Check.Errors(new Node { Metadata = new() { Name = name } });

        Assert.Equal(
            Check.Lines(
                $"Node \"{name}\": metadata.name: Invalid value: \"{name}\": must be no more than 253 characters",
                $"Node \"{name}\": metadata.name: Invalid value: \"{name}\": {Check.Subdomain}"),
            lines);
    }
}

using OrleansKube.ApiServer;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Pods;
using OrleansKube.Tests.Client;

namespace OrleansKube.Tests.Unit.Kinds;

/// <summary>Every kind is registered once, and every place that serves "any kind" finds it through the registry.</summary>
public sealed class KindRegistryTests
{
    private static readonly Type[] ModelTypes =
    [
        .. typeof(IKubeObject).Assembly.GetTypes().Where(t => !t.IsAbstract && t.IsAssignableTo(typeof(IKubeObject))),
    ];

    public static TheoryData<string> Kinds => [.. KindRegistry.All.Select(kind => kind.Resource.Kind)];

    [Fact]
    public void EveryModelTypeIsRegistered()
    {
        Assert.NotEmpty(ModelTypes);
        Assert.All(ModelTypes, type => Assert.Contains(KindRegistry.All, kind => kind.ModelType == type));
    }

    [Fact]
    public void EveryObjectGrainInterfaceIsTheGrainOfItsKind()
    {
        var grainInterfaces = typeof(IObjectGrain<>).Assembly.GetTypes()
            .Where(t => t.IsInterface && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IObjectGrain<>)))
            .ToList();
        Assert.NotEmpty(grainInterfaces);
        var cluster = new FakeCluster();
        foreach (var grainInterface in grainInterfaces)
        {
            var model = grainInterface.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IObjectGrain<>)).GetGenericArguments()[0];
            var kind = Assert.Single(KindRegistry.All, k => k.ModelType == model);
            Assert.True(kind.HasObjectGrain, $"{kind.Resource.Kind} has a grain interface but no grain in its descriptor");
            Assert.IsAssignableFrom(grainInterface, kind.GetGrain(cluster, "default", "x"));
        }
    }

    [Fact]
    public void EveryObjectGrainClassServesARegisteredKind()
    {
        var grainClasses = typeof(ObjectGrain<>).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(ObjectGrain<>))
            .ToList();
        Assert.NotEmpty(grainClasses);
        Assert.All(grainClasses, grain => Assert.Contains(KindRegistry.All, kind => kind.ModelType == grain.BaseType!.GetGenericArguments()[0]));
    }

    [Fact]
    public void NamesAndShortNamesAreUnique()
    {
        var names = KindRegistry.All.SelectMany(kind => (string[])[kind.Resource.Singular, kind.Resource.Plural, .. kind.Resource.ShortNames]).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Theory]
    [InlineData("po", Pod.KindName)]
    [InlineData("Pods", Pod.KindName)]
    [InlineData("pod", Pod.KindName)]
    [InlineData("deployments.apps", Deployment.KindName)]
    [InlineData("deployment.apps", Deployment.KindName)]
    [InlineData("deploy", Deployment.KindName)]
    public void FindsKindsAsKubectlNamesThem(string name, string kind) => Assert.Equal(kind, KindRegistry.Find(name)?.Resource.Kind);

    [Fact]
    public void UnknownNamesAndTypesAreNotFound()
    {
        Assert.Null(KindRegistry.Find("widgets"));
        Assert.Null(KindRegistry.ForKind("Widget"));
        Assert.Throws<InvalidOperationException>(() => KindRegistry.For(new Widget()));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryKindHasColumnsAndWideOnlyAddsToThem(string kind)
    {
        var columns = KindRegistry.ForKind(kind)!.Columns;
        Assert.NotEmpty(columns.Headers(wide: false));
        Assert.Subset(columns.Headers(wide: true).ToHashSet(), columns.Headers(wide: false).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ForResourceFindsEveryKindByGroupAndPlural(string kind)
    {
        var resource = KindRegistry.ForKind(kind)!.Resource;
        Assert.Equal(kind, KindRegistry.ForResource(resource.Group, resource.Plural)?.Resource.Kind);
        Assert.Same(KindRegistry.ForKind(kind), KindRegistry.For(resource));
    }

    private sealed record Widget : IKubeObject
    {
        public string ApiVersion => "example.com/v1";

        public string Kind => "Widget";

        public ObjectMeta Metadata { get; } = new();
    }
}

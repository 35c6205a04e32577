using OrleansKube.Api;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Pods;

namespace OrleansKube.Tests.Unit.KubeApi;

/// <summary>Field selectors bound to a kind's field labels.</summary>
public sealed class FieldSelectorTests
{
    private static readonly Pod Pod = new()
    {
        Metadata = new ObjectMeta { Name = "p", Namespace = "web" },
        Spec = new PodSpec { NodeName = "node-1", Containers = [new Container { Name = "c", Image = "i" }] },
        Status = new PodStatus { Phase = PodPhase.Running },
    };

    [Theory]
    [InlineData("metadata.name=p", true)]
    [InlineData("metadata.name==p,metadata.namespace=web", true)]
    [InlineData("spec.nodeName=node-2", false)]
    [InlineData("spec.nodeName!=node-2,status.phase=Running", true)]
    [InlineData("status.phase!=Running", false)]
    [InlineData("", true)]
    public void Selects_by_the_kinds_fields(string selector, bool matches) =>
        Assert.Equal(matches, FieldSelector.Parse(selector, KindRegistry.For<Pod>()).Matches(Pod));

    [Theory]
    [InlineData("spec.color=blue", "field label not supported: spec.color")]
    [InlineData("metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'")]
    public void Refuses_what_it_cannot_select_by(string selector, string message)
    {
        var error = Assert.Throws<ApiException>(() => FieldSelector.Parse(selector, KindRegistry.For<Pod>()));

        Assert.Equal((ApiErrorReason.BadRequest, message), (error.Reason, error.Message));
    }
}

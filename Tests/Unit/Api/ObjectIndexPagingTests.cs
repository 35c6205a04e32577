using OrleansKube.Api;
using OrleansKube.ApiServer;
using OrleansKube.Model;
using OrleansKube.Model.Pods;
using OrleansKube.Tests.Grains;

namespace OrleansKube.Tests.Unit.Api;

public sealed class ObjectIndexPagingTests
{
    private readonly ObjectIndex _index = new();

    public ObjectIndexPagingTests()
    {
        foreach (var name in new[] { "g", "b", "e", "a", "f", "c", "d" })
        {
            _index.Upsert(Web(name));
        }
    }

    [Fact]
    public void Pages_hold_every_object_once_in_name_order_with_what_remains()
    {
        var first = _index.ListPage(Pod.KindName, null, 3, null);
        var second = _index.ListPage(Pod.KindName, null, 3, first.Continue);
        var third = _index.ListPage(Pod.KindName, null, 3, second.Continue);

        Assert.Equal(["a", "b", "c", "d", "e", "f", "g"], new[] { first, second, third }.SelectMany(page => Names(page)));
        Assert.Equal([4, 1], new[] { first.RemainingItemCount, second.RemainingItemCount });
        Assert.Null(third.Continue);
        Assert.Null(third.RemainingItemCount);
    }

    [Fact]
    public void Later_pages_show_the_list_as_the_first_page_saw_it()
    {
        var first = _index.ListPage(Pod.KindName, null, 4, null);
        _index.Upsert(Web("a0"));
        _index.Remove(_index.Get(Pod.KindName, "g")!);

        var second = _index.ListPage(Pod.KindName, null, 4, first.Continue);

        Assert.Equal(["e", "f", "g"], Names(second));
        Assert.Equal(first.ResourceVersion, second.ResourceVersion);
        Assert.NotEqual(first.ResourceVersion, _index.ResourceVersion);
        Assert.Contains("a0", Names(_index.ListPage(Pod.KindName, null, 10, null)));
    }

    [Fact]
    public void A_list_that_fits_in_one_page_has_no_continue_token()
    {
        var page = _index.ListPage(Pod.KindName, null, 7, null);

        Assert.Equal(7, page.Items.Count);
        Assert.Null(page.Continue);
    }

    [Fact]
    public void A_token_of_a_finished_list_or_of_an_earlier_activation_has_expired()
    {
        var first = _index.ListPage(Pod.KindName, null, 5, null);
        _ = _index.ListPage(Pod.KindName, null, 5, first.Continue);
        var elsewhere = new ObjectIndex();

        Assert.Equal(ApiErrorReason.Expired, Assert.Throws<ApiException>(() => _index.ListPage(Pod.KindName, null, 5, first.Continue)).Reason);
        Assert.Equal(ApiErrorReason.Expired, Assert.Throws<ApiException>(() => elsewhere.ListPage(Pod.KindName, null, 5, first.Continue)).Reason);
    }

    [Fact]
    public void A_token_that_is_not_one_or_continues_another_kind_is_a_bad_request()
    {
        var first = _index.ListPage(Pod.KindName, null, 2, null);

        var garbage = Assert.Throws<ApiException>(() => _index.ListPage(Pod.KindName, null, 2, "not-a-token"));
        var otherKind = Assert.Throws<ApiException>(() => _index.ListPage("Deployment", null, 2, first.Continue));
        var noLimit = Assert.Throws<ApiException>(() => _index.ListPage(Pod.KindName, null, 0, null));

        Assert.All(new[] { garbage, otherKind, noLimit }, error => Assert.Equal(ApiErrorReason.BadRequest, error.Reason));
        Assert.Contains("continue", garbage.Message);
        Assert.Contains("limit", noLimit.Message);
    }

    [Fact]
    public void A_label_selector_applies_to_every_page()
    {
        _index.Upsert(Objects.Pod("shop", "web-x", app: "web"));
        _index.Upsert(Objects.Pod("shop", "db-x", app: "db"));
        var selector = new LabelSelector { MatchLabels = Objects.Labels(("app", "db")) };

        var first = _index.ListPage(Pod.KindName, selector, 1, null);

        Assert.Equal(["db-x"], Names(first));
        Assert.Null(first.Continue);
    }

    private static Pod Web(string name) => Objects.Pod("shop", name, app: "web");

    private static IEnumerable<string?> Names(ObjectList page) => page.Items.Select(item => item.Metadata.Name);
}

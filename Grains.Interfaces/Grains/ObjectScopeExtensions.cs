using OrleansKube.Model;

namespace OrleansKube.Grains;

/// <summary>Reading a scope's list in pages (<see cref="IObjectScope.ListPageAsync"/>).</summary>
public static class ObjectScopeExtensions
{
    /// <summary>
    /// Reads the list of <paramref name="kind"/> <paramref name="pageSize"/> objects at a time, handing each page to
    /// <paramref name="onPage"/> as it arrives; returns the version the list was read at (the first page's, which every page shows).
    /// </summary>
    public static async Task<string> ListInPagesAsync(
        this IObjectScope scope, string kind, LabelSelector? selector, int pageSize, Action<IReadOnlyList<IKubeObject>> onPage)
    {
        var first = await scope.ListPageAsync(kind, selector, pageSize, null);
        for (var page = first; ; page = await scope.ListPageAsync(kind, selector, pageSize, page.Continue))
        {
            onPage(page.Items);
            if (page.Continue is null)
            {
                return first.ResourceVersion;
            }
        }
    }
}

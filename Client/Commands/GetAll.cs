using System.Collections.Immutable;
using OrleansKube.Api;
using OrleansKube.Client.Cluster;
using OrleansKube.Client.Output;
using OrleansKube.Kinds;
using OrleansKube.Model;

namespace OrleansKube.Client.Commands;

/// <summary>What <c>okube get all</c> was asked for.</summary>
internal sealed record GetAllRequest(string Namespace, bool AllNamespaces, LabelSelector? Selector, OutputFormat Format);

/// <summary>
/// <c>okube get all [-n NS | -A] [-l SELECTOR] [-o wide|json|yaml|name]</c>: the namespaced kinds of kubectl's <c>all</c>
/// category that this cluster has, printed as kubectl prints them: one table per kind with names such as
/// <c>pod/web-1</c>, a blank line between tables, and one <c>List</c> of every object for JSON and YAML.
/// </summary>
internal static class GetAll
{
    /// <summary>The word that asks for every kind in the category.</summary>
    public const string Name = "all";

    /// <summary>The kinds of kubectl's <c>all</c> this cluster serves, in kubectl's order (services and replica sets would join them).</summary>
    public static ImmutableArray<ResourceInfo> Kinds { get; } = [Resources.Pods, Resources.Deployments];

    public static bool IsAll(string kind) => string.Equals(kind, Name, StringComparison.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(CliContext context, IGrainFactory grains, GetAllRequest request)
    {
        var lists = await Task.WhenAll(Kinds.Select(async kind =>
        {
            var listings = await ObjectLister.ListAsync(grains, kind, request.Namespace, request.AllNamespaces, request.Selector);
            return (Kind: kind, Objects: ObjectPrinter.InOrder(listings.SelectMany(listing => listing.List.Items)));
        }));

        var now = context.Clock.GetUtcNow();
        if (request.Format is OutputFormat.Json or OutputFormat.Yaml)
        {
            // A List is the same whatever its items' kinds; the first kind's printer serves.
            var all = lists.SelectMany(list => list.Objects).ToList();
            context.Out.Write(new ObjectPrinter(Kinds[0], request.Format).Print(all, asList: true, now));
            return ExitCodes.Success;
        }

        var printed = lists
            .Where(list => list.Objects.Count > 0)
            .Select(list => new ObjectPrinter(list.Kind, request.Format, request.AllNamespaces, kindInName: true).Print(list.Objects, asList: true, now))
            .ToList();
        if (printed.Count == 0)
        {
            context.Error.WriteLine(request.AllNamespaces ? "No resources found" : $"No resources found in {request.Namespace} namespace.");
            return ExitCodes.Success;
        }

        // Tables are set apart by a blank line; names run on, as kubectl prints them.
        context.Out.Write(string.Join(request.Format == OutputFormat.Name ? "" : "\n", printed));
        return ExitCodes.Success;
    }
}

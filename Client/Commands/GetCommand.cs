using System.CommandLine;
using OrleansKube.Api;
using OrleansKube.Client.Cluster;
using OrleansKube.Client.Output;
using OrleansKube.Model;
using OrleansKube.Model.Namespaces;

namespace OrleansKube.Client.Commands;

/// <summary>What <c>okube get</c> was asked for.</summary>
internal sealed record GetRequest(
    ResourceInfo Resource, string? Name, string Namespace, bool AllNamespaces, LabelSelector? Selector, OutputFormat Format, bool Watch);

/// <summary><c>okube get KIND [NAME] [-n NS | -A] [-l SELECTOR] [-o wide|json|yaml|name] [-w]</c>; KIND <c>all</c> is <see cref="GetAll"/>.</summary>
internal static class GetCommand
{
    public static Command Create(Verbs verbs)
    {
        var kind = CommonOptions.Kind();
        kind.Description += $"; or {GetAll.Name}, for pods and deployments";
        var name = CommonOptions.Positional<string>("NAME", "The object's name; all objects when left out", ArgumentArity.ZeroOrOne);
        var @namespace = CommonOptions.Namespace();
        var allNamespaces = CommonOptions.AllNamespaces();
        var selector = new Option<string>("--selector", "-l") { Description = "Only objects whose labels match, such as app=web,tier!=db", HelpName = "SELECTOR" };
        var output = CommonOptions.Output();
        var watch = new Option<bool>("--watch", "-w") { Description = "After listing, print each change until interrupted" };
        var command = new Command("get", "Display one or many objects") { kind, name, @namespace, allNamespaces, selector, output, watch };
        command.Validators.Add(result =>
        {
            if (result.GetValue(kind) is null)
            {
                result.AddError("You must specify the type of resource to get. Kinds: pods (po), deployments (deploy), nodes (no), namespaces (ns), events (ev).");
            }

            CommonOptions.RefuseNamespaceWithAll(result, @namespace, allNamespaces);
        });

        command.SetAction((result, cancellationToken) => verbs.RunAsync(() =>
        {
            if (GetAll.IsAll(result.GetValue(kind)!))
            {
                var all = new GetAllRequest(
                    result.GetValue(@namespace) ?? Namespace.Default,
                    result.GetValue(allNamespaces),
                    ParseSelector(result.GetValue(selector)),
                    OutputFormats.Parse(result.GetValue(output)) ?? OutputFormat.Table);
                CheckAll(result.GetValue(name), result.GetValue(watch));
                return verbs.WithClusterAsync(result, grains => GetAll.RunAsync(verbs.Context, grains, all), cancellationToken);
            }

            var request = new GetRequest(
                CommonOptions.Resolve(result.GetValue(kind)!),
                result.GetValue(name),
                result.GetValue(@namespace) ?? Namespace.Default,
                result.GetValue(allNamespaces),
                ParseSelector(result.GetValue(selector)),
                OutputFormats.Parse(result.GetValue(output)) ?? OutputFormat.Table,
                result.GetValue(watch));
            Check(request);
            return verbs.WithClusterAsync(result, grains => RunAsync(verbs.Context, grains, request, cancellationToken), cancellationToken);
        }, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(CliContext context, IGrainFactory grains, GetRequest request, CancellationToken cancellationToken)
    {
        var printer = new ObjectPrinter(request.Resource, request.Format, request.AllNamespaces);
        var now = context.Clock.GetUtcNow();
        if (request.Name is null && !request.Watch && printer.PrintsRows)
        {
            // A table keeps only its rows: each page of a long list becomes rows as it arrives.
            await ObjectLister.ListAsync(grains, request.Resource, request.Namespace, request.AllNamespaces, request.Selector, page => printer.AddRows(page, now));
            if (printer.RowCount == 0)
            {
                WriteNoResources(context, request);
            }

            context.Out.Write(printer.PrintRows());
            return ExitCodes.Success;
        }

        IReadOnlyList<ScopeListing> listings;
        IReadOnlyList<IKubeObject> objects;
        if (request.Name is { } name && !request.Watch)
        {
            listings = [];
            objects = [await ObjectApi.GetAsync(grains, request.Resource, request.Namespace, name)];
        }
        else if (request.Name is { } watched)
        {
            // Watching one object: its scope's listing gives the version to watch from.
            listings = await ObjectLister.ListAsync(grains, request.Resource, request.Namespace, allNamespaces: false, selector: null);
            objects = [.. listings[0].List.Items.Where(obj => obj.Metadata.Name == watched)];
            if (objects.Count == 0)
            {
                throw ApiException.NotFound(request.Resource, watched);
            }
        }
        else
        {
            listings = await ObjectLister.ListAsync(grains, request.Resource, request.Namespace, request.AllNamespaces, request.Selector);
            objects = ObjectPrinter.InOrder(listings.SelectMany(listing => listing.List.Items));
            if (objects.Count == 0 && (request.Watch || request.Format is not (OutputFormat.Json or OutputFormat.Yaml)))
            {
                WriteNoResources(context, request);
            }
        }

        if (!request.Watch)
        {
            context.Out.Write(printer.Print(objects, asList: request.Name is null, now));
            return ExitCodes.Success;
        }

        context.Out.Write(printer.PrintEach(objects, now));
        await context.Out.FlushAsync(cancellationToken);
        return await new GetWatch(context, grains, request, printer).RunAsync(listings, cancellationToken);
    }

    private static void WriteNoResources(CliContext context, GetRequest request) =>
        context.Error.WriteLine(request.Resource.Namespaced && !request.AllNamespaces
            ? $"No resources found in {request.Namespace} namespace."
            : "No resources found");

    private static LabelSelector? ParseSelector(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return LabelSelectorParser.Parse(text);
        }
        catch (FormatException e)
        {
            throw new CommandException(e.Message);
        }
    }

    // get all lists; one object is fetched by its kind, and a watch follows one kind.
    private static void CheckAll(string? name, bool watch)
    {
        if (watch)
        {
            throw new CommandException($"watch is only supported on individual resources and resource collections, but {GetAll.Kinds.Length} resources were found");
        }

        if (name is not null)
        {
            throw new CommandException($"get {GetAll.Name} lists objects and takes no NAME; name a kind to get one object, such as get pod {name}");
        }
    }

    // Combinations kubectl refuses once it knows the kind, with its words.
    private static void Check(GetRequest request)
    {
        if (request.Name is not null && request.Selector is not null)
        {
            throw new CommandException("name cannot be provided when a selector is specified");
        }

        if (request.Name is not null && request.AllNamespaces && request.Resource.Namespaced)
        {
            throw new CommandException("a resource cannot be retrieved by name across all namespaces");
        }
    }
}

using System.CommandLine;
using OrleansKube.Api;
using OrleansKube.Client.Cluster;
using OrleansKube.Client.Output;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Kinds.Describe;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Events;
using OrleansKube.Model.Namespaces;

namespace OrleansKube.Client.Commands;

/// <summary><c>okube describe KIND [NAME] [-n NS]</c>: one object, or every object of the kind in the namespace.</summary>
internal static class DescribeCommand
{
    public static Command Create(Verbs verbs)
    {
        var kind = CommonOptions.Kind();
        var name = CommonOptions.Positional<string>("NAME", "The object's name; all objects when left out", ArgumentArity.ZeroOrOne);
        var @namespace = CommonOptions.Namespace();
        var command = new Command("describe", "Show details of an object or of all objects of a kind") { kind, name, @namespace };
        command.Validators.Add(result =>
        {
            if (result.GetValue(kind) is null)
            {
                result.AddError("You must specify the type of resource to describe. Kinds: pods (po), deployments (deploy), nodes (no), namespaces (ns), events (ev).");
            }
        });

        command.SetAction((result, cancellationToken) => verbs.RunAsync(() =>
        {
            var resource = CommonOptions.Resolve(result.GetValue(kind)!);
            var ns = result.GetValue(@namespace) ?? Namespace.Default;
            return verbs.WithClusterAsync(result, async grains =>
            {
                IReadOnlyList<IKubeObject> objects = result.GetValue(name) is { } one
                    ? [await ObjectApi.GetAsync(grains, resource, ns, one)]
                    : ObjectPrinter.InOrder((await ObjectLister.ListAsync(grains, resource, ns, allNamespaces: false, selector: null))[0].List.Items);
                if (objects.Count == 0)
                {
                    verbs.Context.Error.WriteLine(resource.Namespaced ? $"No resources found in {ns} namespace." : "No resources found");
                }

                // kubectl separates descriptions of several objects by two blank lines.
                var now = verbs.Context.Clock.GetUtcNow();
                var events = objects.Count > 0 && resource.Namespaced && resource.Kind != Event.KindName ? await ListEventsAsync(grains, ns) : [];
                var descriptions = await Task.WhenAll(objects.Select(async obj =>
                    Describer.Describe(obj, now, new DescribeExtras(events, await HistoryAsync(grains, obj)))));
                verbs.Context.Out.Write(string.Join("\n\n", descriptions));
                return ExitCodes.Success;
            }, cancellationToken);
        }, cancellationToken));
        return command;
    }

    /// <summary>The namespace's events; none when they cannot be listed, as a description is worth more without them than not at all.</summary>
    private static async Task<IReadOnlyList<Event>> ListEventsAsync(IGrainFactory grains, string ns)
    {
        try
        {
            var list = await grains.GetScope(Resources.Events, ns).ListAsync(Event.KindName, null);
            return [.. list.Items.OfType<Event>()];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return [];
        }
    }

    /// <summary>A deployment's revisions, null for other kinds or when they cannot be read.</summary>
    private static async Task<IReadOnlyList<DeploymentRevision>?> HistoryAsync(IGrainFactory grains, IKubeObject obj)
    {
        if (obj is not Deployment deployment)
        {
            return null;
        }

        try
        {
            return await grains.GetGrain<IDeploymentGrain>(ObjectKey.For(deployment.Metadata.Namespace, deployment.Metadata.Name!)).GetHistoryAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }
}

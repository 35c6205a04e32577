using System.CommandLine;
using OrleansKube.Api;
using OrleansKube.Client.Cluster;

namespace OrleansKube.Client.Commands;

/// <summary><c>okube delete KIND NAME... [-n NS]</c> or <c>okube delete -f FILE [-n NS]</c>.</summary>
internal static class DeleteCommand
{
    public static Command Create(Verbs verbs)
    {
        var kind = CommonOptions.Kind();
        var names = CommonOptions.Positional<string[]>("NAME", "The names of the objects to delete", ArgumentArity.ZeroOrMore);
        var files = CommonOptions.Filenames("that contain the objects to delete");
        var @namespace = CommonOptions.Namespace();
        var command = new Command("delete", "Delete objects by kind and name, or those of manifests") { kind, names, files, @namespace };
        command.Validators.Add(result =>
        {
            var byName = result.GetValue(kind) is not null;
            var byFile = result.GetValue(files) is { Length: > 0 };
            if (byName == byFile)
            {
                result.AddError(byName
                    ? "when paths are provided (-f), you may not name resources as arguments as well"
                    : "You must provide one or more resources by argument or filename.");
            }
            else if (byName && result.GetValue(names) is not { Length: > 0 })
            {
                result.AddError("resource(s) were provided, but no name was specified");
            }
        });

        command.SetAction((result, cancellationToken) => verbs.RunAsync(async () =>
        {
            var explicitNamespace = result.GetValue(@namespace);
            IReadOnlyList<(ResourceInfo Resource, string? Namespace, string Name)> targets;
            if (result.GetValue(kind) is { } kindName)
            {
                var resource = CommonOptions.Resolve(kindName);
                var ns = resource.Namespaced ? explicitNamespace ?? Model.Namespaces.Namespace.Default : null;
                targets = [.. result.GetValue(names)!.Select(name => (resource, ns, name))];
            }
            else
            {
                var errors = new List<string>();
                var objects = ManifestFiles.Read(verbs.Context, result.GetValue(files)!, explicitNamespace, errors);
                if (errors.Count > 0)
                {
                    return verbs.Context.Fail(string.Join('\n', errors));
                }

                targets = [.. objects.Select(obj => (ObjectApi.ResourceOf(obj), obj.Metadata.Namespace, obj.Metadata.Name ?? ""))];
            }

            return await verbs.WithClusterAsync(result, grains => DeleteAsync(verbs.Context, grains, targets), cancellationToken);
        }, cancellationToken));
        return command;
    }

    private static async Task<int> DeleteAsync(
        CliContext context, IGrainFactory grains, IReadOnlyList<(ResourceInfo Resource, string? Namespace, string Name)> targets)
    {
        var exitCode = ExitCodes.Success;
        foreach (var (resource, ns, name) in targets)
        {
            try
            {
                await ObjectApi.DeleteAsync(grains, resource, ns, name);
                context.Out.WriteLine($"{resource.QualifiedSingular} \"{name}\" deleted");
            }
            catch (ApiException e)
            {
                exitCode = context.Fail(e.Message);
            }
        }

        return exitCode;
    }
}

using System.CommandLine;
using OrleansKube.Api;
using OrleansKube.Client.Cluster;
using OrleansKube.Client.Output;
using OrleansKube.Kinds.Validation;
using OrleansKube.Model;

namespace OrleansKube.Client.Commands;

/// <summary><c>okube apply -f FILE|DIR|- [-n NS]</c>: validates every object first, then applies them in document order.</summary>
internal static class ApplyCommand
{
    public static Command Create(Verbs verbs)
    {
        var files = CommonOptions.Filenames("that contain the objects to apply");
        files.Required = true;
        var @namespace = CommonOptions.Namespace();
        var command = new Command("apply", "Create or update objects from manifests") { files, @namespace };
        command.SetAction((result, cancellationToken) => verbs.RunAsync(async () =>
        {
            var objects = Prepare(verbs.Context, result.GetValue(files)!, result.GetValue(@namespace), out var errors);
            if (errors.Count > 0)
            {
                return verbs.Context.Fail(string.Join('\n', errors));
            }

            return await verbs.WithClusterAsync(result, grains => ApplyAsync(verbs.Context, grains, objects), cancellationToken);
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// Reads, places, defaults and validates every object of <paramref name="paths"/>. Nothing may be applied when
    /// <paramref name="errors"/> is not empty, so a half-valid set of manifests never half-applies.
    /// </summary>
    public static IReadOnlyList<IKubeObject> Prepare(CliContext context, IReadOnlyList<string> paths, string? @namespace, out List<string> errors)
    {
        errors = [];
        var objects = new List<IKubeObject>();
        foreach (var read in ManifestFiles.Read(context, paths, @namespace, errors))
        {
            var obj = ObjectDefaults.Apply(read);
            var invalid = ObjectValidator.Validate(obj);
            if (invalid.IsEmpty)
            {
                objects.Add(obj);
            }
            else
            {
                errors.AddRange(ApiException.FormatInvalid(obj.Kind, obj.Metadata.Name, invalid).Split('\n').Select(line => line.TrimEnd('\r')));
            }
        }

        if (errors.Count == 0 && objects.Count == 0)
        {
            errors.Add("no objects passed to apply");
        }

        return objects;
    }

    private static async Task<int> ApplyAsync(CliContext context, IGrainFactory grains, IReadOnlyList<IKubeObject> objects)
    {
        var exitCode = ExitCodes.Success;
        foreach (var obj in objects)
        {
            try
            {
                var outcome = await ObjectApi.ApplyAsync(grains, obj);
                context.Out.WriteLine($"{ObjectPrinter.NameOf(obj)} {outcome.ToString().ToLowerInvariant()}");
            }
            catch (ApiException e)
            {
                // One refused object does not stop the others, as with kubectl.
                exitCode = context.Fail(e.Message);
            }
        }

        return exitCode;
    }
}

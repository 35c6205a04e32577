using OrleansKube.Client.Cluster;
using OrleansKube.Kinds;
using OrleansKube.Kinds.Manifests;
using OrleansKube.Model;
using OrleansKube.Model.Namespaces;

namespace OrleansKube.Client.Commands;

/// <summary>Reads the objects named by <c>-f</c>: files, directories, or <c>-</c> for stdin, in the order given.</summary>
internal static class ManifestFiles
{
    private static readonly string[] ManifestExtensions = [".yaml", ".yml", ".json"];

    /// <summary>
    /// The objects of every path, namespaced ones placed in the namespace they name, else <paramref name="explicitNamespace"/>,
    /// else <c>default</c>. The errors of all files are collected in <paramref name="errors"/>, so one run reports them all.
    /// </summary>
    public static IReadOnlyList<IKubeObject> Read(CliContext context, IReadOnlyList<string> paths, string? explicitNamespace, List<string> errors)
    {
        var objects = new List<IKubeObject>();
        foreach (var (text, source) in Sources(context, paths, errors))
        {
            try
            {
                foreach (var obj in ManifestReader.Read(text, source))
                {
                    if (Place(obj, explicitNamespace, errors) is { } placed)
                    {
                        objects.Add(placed);
                    }
                }
            }
            catch (ManifestException e)
            {
                errors.AddRange(e.Errors);
            }
        }

        return objects;
    }

    private static IEnumerable<(string Text, string Source)> Sources(CliContext context, IReadOnlyList<string> paths, List<string> errors)
    {
        foreach (var path in paths)
        {
            if (path == "-")
            {
                yield return (context.In.ReadToEnd(), "STDIN");
            }
            else if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path)
                    .Where(file => ManifestExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    yield return (File.ReadAllText(file), file);
                }
            }
            else if (File.Exists(path))
            {
                yield return (File.ReadAllText(path), path);
            }
            else
            {
                errors.Add($"the path \"{path}\" does not exist");
            }
        }
    }

    private static IKubeObject? Place(IKubeObject obj, string? explicitNamespace, List<string> errors)
    {
        if (KindRegistry.For(obj).Resource is not { Namespaced: true })
        {
            return obj;
        }

        var own = obj.Metadata.Namespace;
        if (!string.IsNullOrEmpty(own) && explicitNamespace is not null && own != explicitNamespace)
        {
            errors.Add($"the namespace from the provided object \"{own}\" does not match the namespace \"{explicitNamespace}\". " +
                $"You must pass '--namespace={own}' to perform this operation.");
            return null;
        }

        return string.IsNullOrEmpty(own)
            ? ObjectApi.WithMetadata(obj, obj.Metadata with { Namespace = explicitNamespace ?? Namespace.Default })
            : obj;
    }
}

namespace OrleansKube.Tests.EndToEnd;

/// <summary>Finds the repository and the build outputs of the silo and the client next to these tests.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: whatever the tests themselves were built as.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string SiloAssembly => Output("Silo", "OrleansKube.Silo.dll");

    public static string ClientAssembly => Output("Client", "okube.dll");

    public static string Samples => Path.Combine(Root, "samples");

    private static string Output(string project, string assembly)
    {
        var path = Path.Combine(Root, project, "bin", Configuration, "net10.0", assembly);
        return File.Exists(path) ? path : throw new FileNotFoundException($"build {project} first ({Configuration})", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.Kube.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orleans.Kube.sln not found above " + AppContext.BaseDirectory);
    }
}

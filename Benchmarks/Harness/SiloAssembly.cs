namespace OrleansKube.Benchmarks.Harness;

/// <summary>Where the silo program is, for scenarios that start silos as separate processes.</summary>
internal static class SiloAssembly
{
    private const string Name = "OrleansKube.Silo";

    /// <summary>
    /// The silo beside this program. Benchmarks references the Silo project, and the .NET SDK copies a referenced
    /// executable into the referencing project's output together with its own runtimeconfig.json and deps.json, so the
    /// silo runs from here as it does from its own folder, in whatever configuration and wherever the benchmarks were
    /// built or published, with no path into the source tree to guess.
    /// </summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dll = System.IO.Path.Combine(AppContext.BaseDirectory, Name + ".dll");
        var runtimeConfig = System.IO.Path.Combine(AppContext.BaseDirectory, Name + ".runtimeconfig.json");
        return File.Exists(dll) && File.Exists(runtimeConfig)
            ? dll
            : throw new FileNotFoundException($"{Name}.dll and its runtimeconfig.json are expected beside the benchmarks in {AppContext.BaseDirectory}; build the Benchmarks project");
    }
}

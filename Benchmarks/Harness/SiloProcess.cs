using System.Net;

namespace OrleansKube.Harness;

/// <summary>How the benchmarks start silos: the silo copied beside them, free ports, ready when its HTTP endpoint answers.</summary>
internal sealed partial class SiloProcess
{
    /// <summary>Starts a silo named <paramref name="nodeName"/> that joins <paramref name="primary"/> (or is the first).</summary>
    public static Task<SiloProcess> StartAsync(string nodeName, string dataRoot, IPEndPoint? primary, params string[] extraArgs) =>
        LaunchAsync(
            Benchmarks.Harness.SiloAssembly.Path,
            SiloPorts.Free(),
            Path.Combine(dataRoot, nodeName),
            ownsDataDirectory: false,
            ["--node-name", nodeName, .. primary is null ? Array.Empty<string>() : ["--primary", primary.ToString()], .. extraArgs],
            _ => Task.FromResult(true));
}

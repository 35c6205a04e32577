namespace OrleansKube.Harness;

/// <summary>How the end-to-end tests start silos: free ports, a temporary data directory, ready when okube is served.</summary>
internal sealed partial class SiloProcess
{
    public static Task<SiloProcess> StartAsync(params string[] extraArgs) =>
        StartAsync(SiloPorts.Free(), extraArgs);

    /// <summary>Starts a silo on given ports, as a silo is started again after it stopped.</summary>
    public static Task<SiloProcess> StartAsync(SiloPorts ports, params string[] extraArgs) =>
        LaunchAsync(
            Tests.EndToEnd.Repository.SiloAssembly,
            ports,
            Path.Combine(Path.GetTempPath(), "okube-tests", $"silo-{ports.Silo}-{Guid.NewGuid():N}"[..24]),
            ownsDataDirectory: true,
            extraArgs,
            // Ready also means the default namespace (made by a start-up task) is served.
            async silo => (await Tests.EndToEnd.Okube.RunAsync(silo.Gateway, "get", "namespace", "default")).ExitCode == 0);
}

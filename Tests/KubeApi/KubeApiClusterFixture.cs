using OrleansKube.Harness;
using OrleansKube.Tests.EndToEnd;

namespace OrleansKube.Tests.KubeApi;

/// <summary>
/// Two real silo processes as one cluster, each serving the Kubernetes API, and a kubeconfig for each made by
/// <c>okube kubeconfig</c> as a user makes it. Their nodes run the pods kubectl creates.
/// </summary>
public sealed class KubeApiClusterFixture : IAsyncLifetime
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "okube-tests", $"kubeapi-{Guid.NewGuid():N}"[..20]);

    internal SiloProcess First { get; private set; } = null!;

    internal SiloProcess Second { get; private set; } = null!;

    /// <summary>kubectl against the first silo's API.</summary>
    internal Kubectl Kubectl { get; private set; } = null!;

    /// <summary>kubectl against the second silo's API.</summary>
    internal Kubectl KubectlOnSecond { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_home);
        First = await SiloProcess.StartAsync("--node-name", "api-first", "--cpu", "2", "--memory", "4Gi");
        Second = await SiloProcess.StartAsync("--node-name", "api-second", "--cpu", "2", "--memory", "4Gi", "--primary", $"127.0.0.1:{First.SiloPort}");
        Kubectl = new Kubectl(await KubeconfigAsync(First, "first"));
        KubectlOnSecond = new Kubectl(await KubeconfigAsync(Second, "second"));
    }

    public async Task DisposeAsync()
    {
        if (Second is not null)
        {
            await Second.DisposeAsync();
        }

        if (First is not null)
        {
            await First.DisposeAsync();
        }

        Directory.Delete(_home, recursive: true);
    }

    private async Task<string> KubeconfigAsync(SiloProcess silo, string name)
    {
        var printed = await Okube.RunAsync(silo.Gateway, "kubeconfig", "--server", silo.ApiServer);
        Assert.True(printed.ExitCode == 0, printed.ToString());
        var directory = Path.Combine(_home, name);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "config");
        await File.WriteAllTextAsync(path, printed.Stdout);
        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class KubeApiClusterCollection : ICollectionFixture<KubeApiClusterFixture>
{
    public const string Name = "kubernetes api";
}

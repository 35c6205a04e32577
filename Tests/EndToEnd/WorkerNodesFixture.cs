using OrleansKube.Harness;
namespace OrleansKube.Tests.EndToEnd;

/// <summary>
/// Three real silo processes, each a worker node that runs pods as processes, as the README starts them: the first,
/// and two joining it. The tests may kill the second and third.
/// </summary>
public sealed class WorkerNodesFixture : IAsyncLifetime
{
    internal SiloProcess First { get; private set; } = null!;

    internal List<SiloProcess> Silos { get; } = [];

    public async Task InitializeAsync()
    {
        First = await SiloProcess.StartAsync("--node-name", "worker-1", "--cpu", "2", "--memory", "4Gi");
        Silos.Add(First);
        foreach (var name in new[] { "worker-2", "worker-3" })
        {
            Silos.Add(await SiloProcess.StartAsync("--node-name", name, "--cpu", "2", "--memory", "4Gi", "--primary", $"127.0.0.1:{First.SiloPort}"));
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in Enumerable.Reverse(Silos))
        {
            await silo.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WorkerNodesCollection : ICollectionFixture<WorkerNodesFixture>
{
    public const string Name = "worker nodes";
}

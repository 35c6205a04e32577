namespace OrleansKube.Tests.EndToEnd;

/// <summary>Two real silo processes joined as one cluster: the first, and a second given <c>--primary</c>.</summary>
public sealed class SiloClusterFixture : IAsyncLifetime
{
    internal SiloProcess First { get; private set; } = null!;

    internal SiloProcess Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        First = await SiloProcess.StartAsync("--node-name", "e2e-first");
        Second = await SiloProcess.StartAsync("--node-name", "e2e-second", "--primary", $"127.0.0.1:{First.SiloPort}");
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
    }
}

[CollectionDefinition(Name)]
public sealed class SiloClusterCollection : ICollectionFixture<SiloClusterFixture>
{
    public const string Name = "silo processes";
}

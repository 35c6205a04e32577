using OrleansKube.Harness;
namespace OrleansKube.Tests.EndToEnd;

/// <summary>
/// Two real silo processes joined as one cluster: the first, and a second given <c>--primary</c>. Their own nodes are
/// tainted so the tests of this collection place pods on the simulated nodes they create, as they expect.
/// </summary>
public sealed class SiloClusterFixture : IAsyncLifetime
{
    public const string Taint = "okube.io/e2e=kubelet:NoSchedule";

    internal SiloProcess First { get; private set; } = null!;

    internal SiloProcess Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        First = await SiloProcess.StartAsync("--node-name", "e2e-first", "--register-with-taints", Taint);
        Second = await SiloProcess.StartAsync("--node-name", "e2e-second", "--register-with-taints", Taint, "--primary", $"127.0.0.1:{First.SiloPort}");
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

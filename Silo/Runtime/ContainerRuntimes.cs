using Microsoft.Extensions.Options;
using OrleansKube.Silo.Kubelet;

namespace OrleansKube.Silo.Runtime;

/// <summary>Makes the container runtime the kubelet's options name.</summary>
internal static class ContainerRuntimes
{
    public const string Process = "process";
    public const string Simulated = "simulated";

    public static IContainerRuntime Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<KubeletOptions>>().Value;
        var node = services.GetRequiredService<NodeIdentity>();
        return options.Runtime switch
        {
            Simulated => new SimulatedRuntime(),
            _ => new ProcessRuntime(
                new ProcessRuntimeOptions { NodeName = node.NodeName, StateDirectory = Path.Combine(node.DataDirectory, "runtime") },
                services.GetRequiredService<ILogger<ProcessRuntime>>()),
        };
    }
}

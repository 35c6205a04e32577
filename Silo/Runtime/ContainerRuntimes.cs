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
        return options.Runtime switch
        {
            Simulated => new SimulatedRuntime(),
            _ => throw new NotSupportedException("process runtime arrives with its helper"),
        };
    }
}

using Microsoft.Extensions.Options;
using OrleansKube.Silo.Kubelet;
using OrleansKube.Silo.Runtime;

namespace OrleansKube.Silo.Hosting;

/// <summary>Makes a silo a worker node: its kubelet and container runtime, one per silo, for the silo's lifetime.</summary>
public static class KubeletHostingExtensions
{
    /// <summary>Adds the kubelet with settings read by the host (flags and configuration).</summary>
    public static ISiloBuilder AddKubelet(this ISiloBuilder silo, KubeletOptions options)
    {
        silo.Services.AddSingleton(Options.Create(options));
        return silo.AddKubeletServices();
    }

    /// <summary>Adds the kubelet, configured in code (tests).</summary>
    public static ISiloBuilder AddKubelet(this ISiloBuilder silo, Action<KubeletOptions> configure)
    {
        silo.Services.AddOptions<KubeletOptions>().Configure(configure);
        return silo.AddKubeletServices();
    }

    private static ISiloBuilder AddKubeletServices(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton(NodeIdentity.Create);
        silo.Services.AddSingleton(ContainerRuntimes.Create);
        silo.Services.AddSingleton<Kubelet.Kubelet>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => services.GetRequiredService<Kubelet.Kubelet>());
        return silo;
    }
}

using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;
using Orleans.Configuration;
using Orleans.Dashboard;
using OrleansKube.Hosting;
using OrleansKube.Nodes;
using OrleansKube.Scheduling;
using OrleansKube.Silo.KubeApi;

namespace OrleansKube.Silo.Hosting;

/// <summary>The silo's wiring: clustering, storage and reminders, the API grains and the dashboard.</summary>
public static class SiloHostExtensions
{
    public static WebApplicationBuilder AddOrleansKube(this WebApplicationBuilder builder, SiloSettings settings)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(settings.Address, settings.HttpPort);
            kestrel.Listen(settings.Address, settings.ApiPort, listen =>
            {
                if (settings.ApiTls is var (certificate, key))
                {
                    listen.UseHttps(X509Certificate2.CreateFromPemFile(certificate, key));
                }
            });
        });
        builder.Services.AddSingleton(settings);
        builder.Services.AddKubeApi(builder.Configuration);
        builder.Services.Configure<SchedulerOptions>(builder.Configuration.GetSection(SchedulerOptions.Section));
        builder.Services.Configure<NodeLifecycleOptions>(builder.Configuration.GetSection(NodeLifecycleOptions.Section));
        builder.Services.Configure<ClusterMembershipOptions>(options =>
        {
            // Loopback clusters can afford to notice a dead silo in seconds (Orleans' defaults take about half a minute).
            options.ProbeTimeout = TimeSpan.FromSeconds(2);
            options.NumMissedProbesLimit = 3;
            // Silos of a stopped cluster that do not come back are probed, and voted dead, once their last "I am alive"
            // in the membership table is three of these old; until then silos starting again wait for them to answer.
            options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            builder.Configuration.GetSection(MembershipSection).Bind(options);
        });
        builder.Services.AddOptions<GrainDirectoryOptions>().Configure<IOptions<ClusterMembershipOptions>>((directory, membership) =>
        {
            // The distributed directory keeps a dead silo's grains from activating elsewhere for this lease less Orleans'
            // worst-case detection time (4 x ProbeTimeout x NumMissedProbesLimit, 24 s here), counted from when the silo
            // was declared dead: 6 s with Orleans' 30 s default, longer than the rest of a failover. Grain state keeps its
            // ETags, so an activation left on a silo cut off but not yet stopped cannot overwrite a newer one.
            var detection = membership.Value.MaxProbeTimeout * membership.Value.NumMissedProbesLimit;
            directory.RangeLeaseDuration = detection + DeadSiloLease;
        });
        builder.UseOrleans(silo => silo.AddOrleansKube(settings));
        return builder;
    }

    /// <summary>How long a dead silo's grains wait after it is declared dead before they activate on another silo.</summary>
    public static readonly TimeSpan DeadSiloLease = TimeSpan.FromSeconds(1);

    /// <summary>Orleans' membership options (<c>ProbeTimeout</c>, <c>NumMissedProbesLimit</c>, ...), to tune failure detection.</summary>
    public const string MembershipSection = "OrleansKube:Membership";

    /// <summary>
    /// The silo: clustering, storage and reminders as its <see cref="ClusterProfile"/> chose (by default localhost
    /// clustering, memory storage and in-memory reminders kept on the first silo, needing nothing installed), the API
    /// grains, the dashboard and the silo's kubelet.
    /// </summary>
    public static ISiloBuilder AddOrleansKube(this ISiloBuilder silo, SiloSettings settings)
    {
        // Orleans' classic grain directory deactivates every activation whose directory entry lived on a silo that died,
        // memory storage grains included, and with them their state. The distributed directory recovers the entries from
        // the silos that remain instead. It is marked experimental in Orleans 10.
#pragma warning disable ORLEANSEXP003
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        silo.UseClustering(settings)
            .Configure<SiloOptions>(options => options.SiloName = settings.NodeName)
            .AddClusterStorage(settings.Profile)
            .UseReminders(settings.Profile)
            .KeepInMemoryStateOnPrimarySilo()
            .AddDashboard()
            .AddOrleansKubeGrains()
            .AddKubelet(settings.Kubelet);
        return silo;
    }

    /// <summary>
    /// Keeps Orleans' in-memory grain state and reminders on the primary silo, so that with memory storage a silo other
    /// than the primary can fail without losing part of the cluster's state.
    /// </summary>
    public static ISiloBuilder KeepInMemoryStateOnPrimarySilo(this ISiloBuilder silo)
    {
        silo.Services.AddPlacementDirector<PrimarySiloPlacement, PrimarySiloPlacementDirector>();
        silo.Services.AddSingleton<IPlacementStrategyResolver, InMemoryStatePlacementResolver>();
        return silo;
    }

    /// <summary>Serves the Kubernetes API on the API port, and the dashboard at the root of the HTTP port with <c>/healthz</c>.</summary>
    public static WebApplication MapOrleansKube(this WebApplication app)
    {
        app.MapKubeApi(app.Services.GetRequiredService<SiloSettings>().ApiPort);
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapOrleansDashboard();
        return app;
    }
}

namespace OrleansKube.Silo.KubeApi;

/// <summary>Wiring of the Kubernetes API into an ASP.NET Core host that also runs a silo (or a client of one).</summary>
public static class KubeApiExtensions
{
    /// <summary>The API's services: its endpoint, and its options from <c>OrleansKube:KubeApi</c>.</summary>
    public static IServiceCollection AddKubeApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<KubeApiOptions>(configuration.GetSection(KubeApiOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<KubeApiOptions>>().Value);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<KubeApiEndpoint>();
        return services;
    }

    /// <summary>Answers every request that arrives on <paramref name="port"/> with the API, before any other endpoint sees it.</summary>
    public static IApplicationBuilder MapKubeApi(this IApplicationBuilder app, int port)
    {
        var api = app.ApplicationServices.GetRequiredService<KubeApiEndpoint>();
        return app.MapWhen(context => context.Connection.LocalPort == port, branch => branch.Run(api.HandleAsync));
    }
}

using System.Globalization;
using System.Net;
using OrleansKube.Api;
using OrleansKube.Model;
using OrleansKube.Silo.Kubelet;
using OrleansKube.Silo.Runtime;

namespace OrleansKube.Silo.Hosting;

/// <summary>
/// Where this silo listens and whom it joins. Read from the <c>OrleansKube</c> configuration section
/// (appsettings.json, <c>OrleansKube__SiloPort</c> environment variables) and from the flags below, which win.
/// </summary>
public sealed record SiloSettings
{
    public const string Section = "OrleansKube";

    /// <summary>The command-line flags and the configuration keys they set.</summary>
    public static IReadOnlyDictionary<string, string> Flags { get; } = new Dictionary<string, string>
    {
        ["--node-name"] = $"{Section}:NodeName",
        ["--silo-port"] = $"{Section}:SiloPort",
        ["--gateway-port"] = $"{Section}:GatewayPort",
        ["--http-port"] = $"{Section}:HttpPort",
        ["--api-port"] = $"{Section}:ApiPort",
        ["--api-tls-cert"] = $"{Section}:ApiTlsCert",
        ["--api-tls-key"] = $"{Section}:ApiTlsKey",
        ["--primary"] = $"{Section}:Primary",
        ["--address"] = $"{Section}:Address",
        ["--clustering"] = $"{Section}:Clustering",
        ["--storage"] = $"{Section}:Storage",
        ["--reminders"] = $"{Section}:Reminders",
        ["--redis"] = $"{Section}:Redis",
        ["--azure-storage"] = $"{Section}:AzureStorage",
        ["--azure-table"] = $"{Section}:AzureTable",
        ["--cpu"] = $"{KubeletOptions.Section}:Cpu",
        ["--memory"] = $"{KubeletOptions.Section}:Memory",
        ["--max-pods"] = $"{KubeletOptions.Section}:MaxPods",
        ["--data-dir"] = $"{KubeletOptions.Section}:DataDirectory",
        ["--runtime"] = $"{KubeletOptions.Section}:Runtime",
        ["--register-with-taints"] = $"{KubeletOptions.Section}:RegisterWithTaints",
    };

    /// <summary>The node this silo registers as; default <c>HOST-SILOPORT</c> in lower case.</summary>
    public string NodeName { get; init; } = "";

    /// <summary>Silo-to-silo port; default 11111.</summary>
    public int SiloPort { get; init; } = ClusterIdentity.DefaultSiloPort;

    /// <summary>Client gateway port, where <c>okube</c> connects; default 30000.</summary>
    public int GatewayPort { get; init; } = ClusterIdentity.DefaultGatewayPort;

    /// <summary>HTTP port of the dashboard on 127.0.0.1; default 8080.</summary>
    public int HttpPort { get; init; } = ClusterIdentity.DefaultHttpPort;

    /// <summary>Port of the Kubernetes HTTP API, where kubectl and client libraries connect; default 6443.</summary>
    public int ApiPort { get; init; } = ClusterIdentity.DefaultApiPort;

    /// <summary>PEM certificate and key files: with both, the Kubernetes API is served over HTTPS; by default plain HTTP.</summary>
    public (string Certificate, string Key)? ApiTls { get; init; }

    /// <summary>
    /// The IP address this silo listens on and advertises (silo port, gateway, dashboard); default 127.0.0.1. Silos on
    /// several hosts each give the address the others reach them at (Redis clustering only).
    /// </summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>Silo endpoint of the first silo, which later silos join; null for the first silo itself.</summary>
    public IPEndPoint? Primary { get; init; }

    /// <summary>Clustering, grain storage and reminders (flags <c>--clustering --storage --reminders --redis --azure-storage --azure-table</c>).</summary>
    public ClusterProfile Profile { get; init; } = new();

    /// <summary>The kubelet's settings (section <c>OrleansKube:Kubelet</c>, flags <c>--cpu --memory --max-pods --data-dir --runtime --register-with-taints</c>).</summary>
    public KubeletOptions Kubelet { get; init; } = new();

    /// <summary>
    /// Reads the settings from configuration files, environment and <paramref name="args"/>. Unknown flags and bad values
    /// are refused with a message naming the flag.
    /// </summary>
    public static bool TryRead(string[] args, out SiloSettings settings, out string error)
    {
        settings = new SiloSettings();
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var flag = args[i].Split('=', 2)[0];
            if (flag.StartsWith("--", StringComparison.Ordinal) && !Flags.ContainsKey(flag) && !flag.Contains(':'))
            {
                error = $"unknown flag {flag}; known flags: {string.Join(", ", Flags.Keys)}";
                return false;
            }
        }

        var root = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args, Flags.ToDictionary())
            .Build();
        var configuration = root.GetSection(Section);

        var siloPort = ReadPort(configuration, "SiloPort", "--silo-port", settings.SiloPort, ref error);
        var gatewayPort = ReadPort(configuration, "GatewayPort", "--gateway-port", settings.GatewayPort, ref error);
        var httpPort = ReadPort(configuration, "HttpPort", "--http-port", settings.HttpPort, ref error);
        var apiPort = ReadPort(configuration, "ApiPort", "--api-port", settings.ApiPort, ref error);
        (string, string)? apiTls = null;
        switch (configuration["ApiTlsCert"], configuration["ApiTlsKey"])
        {
            case ({ Length: > 0 } cert, { Length: > 0 } key):
                apiTls = (cert, key);
                foreach (var (flag, file) in new[] { ("--api-tls-cert", cert), ("--api-tls-key", key) })
                {
                    if (!File.Exists(file))
                    {
                        error = $"{flag}: Invalid value: \"{file}\": no such file";
                    }
                }

                break;
            case ({ Length: > 0 }, _):
                error = "--api-tls-key: Required value: HTTPS needs the key of --api-tls-cert";
                break;
            case (_, { Length: > 0 }):
                error = "--api-tls-cert: Required value: HTTPS needs the certificate of --api-tls-key";
                break;
        }

        IPEndPoint? primary = null;
        if (configuration["Primary"] is { Length: > 0 } primaryText && !TryParseEndpoint(primaryText, out primary))
        {
            error = $"--primary: Invalid value: \"{primaryText}\": must be HOST:PORT, the silo endpoint of the first silo";
        }

        var address = IPAddress.Loopback;
        if (configuration["Address"] is { Length: > 0 } addressText &&
            (!IPAddress.TryParse(addressText, out address!) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)))
        {
            error = $"--address: Invalid value: \"{addressText}\": must be the IP address other silos and clients reach this silo at, such as 10.0.0.4";
            address = IPAddress.Loopback;
        }

        var profile = ClusterProfile.Read(configuration, ref error);
        if (!address.Equals(IPAddress.Loopback) && profile.Clustering == ClusteringChoice.Localhost)
        {
            error = "--address: Forbidden: only with --clustering redis; localhost clustering runs on 127.0.0.1";
        }
        if (primary is not null && profile.Clustering != ClusteringChoice.Localhost)
        {
            error = $"--primary: Forbidden: only with --clustering localhost; with --clustering {ClusterProfile.Spell(profile.Clustering)} silos find each other through Redis";
        }

        var nodeName = configuration["NodeName"] is { Length: > 0 } name
            ? name
            : $"{Dns.GetHostName()}-{siloPort}".ToLowerInvariant();
        var kubelet = ReadKubelet(root.GetSection(KubeletOptions.Section), ref error);
        kubelet.NodeName = nodeName;
        settings = new SiloSettings
        {
            NodeName = nodeName,
            SiloPort = siloPort,
            GatewayPort = gatewayPort,
            HttpPort = httpPort,
            ApiPort = apiPort,
            ApiTls = apiTls,
            Address = address,
            Primary = primary,
            Profile = profile,
            Kubelet = kubelet,
        };
        return error.Length == 0;
    }

    private static KubeletOptions ReadKubelet(IConfigurationSection section, ref string error)
    {
        var options = new KubeletOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            error = $"{KubeletOptions.Section}: {exception.InnerException?.Message ?? exception.Message}";
            return options;
        }

        foreach (var (flag, value, what) in new[] { ("--cpu", options.Cpu, "cores, such as 2 or 1500m"), ("--memory", options.Memory, "bytes, such as 4Gi or 512Mi") })
        {
            if (value is { Length: > 0 } && (!Quantity.TryParse(value, out var quantity, out _) || quantity <= Quantity.Zero))
            {
                error = $"{flag}: Invalid value: \"{value}\": must be a positive quantity of {what}";
            }
        }

        if (!RegisterTaints.TryParse(options.RegisterWithTaints, out _, out var taintError))
        {
            error = $"--register-with-taints: {taintError}";
        }

        if (options.MaxPods <= 0)
        {
            error = $"--max-pods: Invalid value: {options.MaxPods}: must be greater than 0";
        }

        if (options.Runtime is not (ContainerRuntimes.Process or ContainerRuntimes.Simulated))
        {
            error = $"--runtime: Unsupported value: \"{options.Runtime}\": supported values: \"{ContainerRuntimes.Process}\", \"{ContainerRuntimes.Simulated}\"";
        }

        return options;
    }

    private static int ReadPort(IConfiguration configuration, string key, string flag, int fallback, ref string error)
    {
        var text = configuration[key];
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
        {
            return port;
        }

        error = $"{flag}: Invalid value: \"{text}\": must be a port between 1 and 65535, inclusive";
        return fallback;
    }

    private static bool TryParseEndpoint(string text, out IPEndPoint? endpoint)
    {
        endpoint = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is <= 0 or > 65535)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        var address = IPAddress.TryParse(host, out var parsed)
            ? parsed
            : Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        if (address is null)
        {
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        return true;
    }
}

using Microsoft.Extensions.Options;

namespace OrleansKube.Silo.Kubelet;

/// <summary>The name of this silo's node and the directory it keeps pods in, shared by the kubelet and its runtime.</summary>
public sealed record NodeIdentity(string NodeName, string DataDirectory)
{
    public static NodeIdentity Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<KubeletOptions>>().Value;
        var name = options.NodeName is { Length: > 0 } configured ? configured : FromSiloName(services.GetRequiredService<ILocalSiloDetails>().Name);
        var directory = options.DataDirectory is { Length: > 0 } data
            ? data
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "okube", name);
        return new NodeIdentity(name, directory);
    }

    // Silo names such as "Silo_1" become valid node names: lower case, dashes for anything else.
    private static string FromSiloName(string siloName)
    {
        var name = new string([.. siloName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-')]).Trim('-', '.');
        return name.Length == 0 ? "node" : name;
    }
}

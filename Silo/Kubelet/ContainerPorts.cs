using System.Collections.Immutable;
using System.Globalization;
using OrleansKube.Model;
using OrleansKube.Model.Pods;

namespace OrleansKube.Silo.Kubelet;

/// <summary>
/// The host ports a container was given for its declared <c>containerPort</c>s: every pod shares the node's network,
/// so each declared port gets a free port of its own, which the process learns from <c>PORT</c> and <c>PORT_NAME</c>.
/// </summary>
internal sealed class ContainerPorts(ImmutableList<ContainerPort> assigned)
{
    public const string Host = "127.0.0.1";

    /// <summary>The declared ports with <c>hostPort</c> set to the port given.</summary>
    public ImmutableList<ContainerPort> Assigned { get; } = assigned;

    /// <summary><c>PORT</c> for the first port, <c>PORT_NAME</c> (upper case, dashes as underscores) for each named one.</summary>
    public IEnumerable<KeyValuePair<string, string>> Environment()
    {
        if (Assigned.Count > 0)
        {
            yield return new("PORT", Text(Assigned[0].HostPort));
        }

        foreach (var port in Assigned.Where(p => !string.IsNullOrEmpty(p.Name)))
        {
            yield return new($"PORT_{port.Name!.ToUpperInvariant().Replace('-', '_')}", Text(port.HostPort));
        }
    }

    /// <summary>The host port behind a probe's port: a port name, a declared container port, or else the number itself.</summary>
    public int Resolve(IntOrString port)
    {
        if (port.StringValue is { } name)
        {
            return Assigned.FirstOrDefault(p => p.Name == name)?.HostPort
                ?? (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    ? Resolve(new IntOrString(number))
                    : throw new ArgumentException($"port \"{name}\" is not a declared port of the container"));
        }

        var value = port.IntValue ?? 0;
        return Assigned.FirstOrDefault(p => p.Number == value)?.HostPort ?? value;
    }

    private static string Text(int? port) => port?.ToString(CultureInfo.InvariantCulture) ?? "";
}

using System.CommandLine;
using OrleansKube.Api;
using OrleansKube.Client.Cluster;

namespace OrleansKube.Client.Commands;

/// <summary>
/// <c>okube kubeconfig [--server URL]</c>: prints a kubeconfig for the cluster's Kubernetes API, so that
/// <c>okube kubeconfig &gt; ~/.kube/config &amp;&amp; kubectl get nodes</c> works. Without <c>--server</c> it names the
/// API of the silo whose gateway okube would use: that host, on the default API port.
/// </summary>
internal static class KubeconfigCommand
{
    public static Command Create(Verbs verbs)
    {
        var server = new Option<string>("--server")
        {
            Description = $"The API server's URL, such as https://10.0.0.5:{ClusterIdentity.DefaultApiPort} (default: the gateway's host on port {ClusterIdentity.DefaultApiPort}, over HTTP)",
            HelpName = "URL",
        };
        var certificateAuthority = new Option<string>("--certificate-authority")
        {
            Description = "A PEM file of the certificate authority that signed the API's certificate, embedded in the kubeconfig",
            HelpName = "FILE",
        };
        var command = new Command("kubeconfig", "Print a kubeconfig for kubectl and Kubernetes clients") { server, certificateAuthority };
        command.SetAction((result, cancellationToken) => verbs.RunAsync(() =>
        {
            var url = result.GetValue(server) ?? DefaultServer(verbs.Address(result));
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new CommandException($"invalid --server \"{url}\": expected an http:// or https:// URL");
            }

            var authority = result.GetValue(certificateAuthority) is { } file
                ? File.Exists(file) ? Convert.ToBase64String(File.ReadAllBytes(file)) : throw new CommandException($"--certificate-authority: {file} does not exist")
                : null;
            verbs.Context.Out.Write(Render(url.TrimEnd('/'), authority));
            return Task.FromResult(ExitCodes.Success);
        }, cancellationToken));
        return command;
    }

    /// <summary>The kubeconfig: one cluster, one user with a placeholder token (the API does not check it yet), one context.</summary>
    public static string Render(string server, string? certificateAuthorityData)
    {
        var name = ClusterIdentity.ClusterId;
        string[] lines =
        [
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            $"- name: {name}",
            "  cluster:",
            $"    server: {server}",
            .. certificateAuthorityData is null ? Array.Empty<string>() : [$"    certificate-authority-data: {certificateAuthorityData}"],
            "contexts:",
            $"- name: {name}",
            "  context:",
            $"    cluster: {name}",
            "    namespace: default",
            $"    user: {name}",
            $"current-context: {name}",
            "users:",
            $"- name: {name}",
            "  user:",
            "    # The API does not check credentials yet; kubectl asks for some over HTTPS when a user has none.",
            $"    token: {name}",
        ];
        return string.Join('\n', lines) + "\n";
    }

    private static string DefaultServer(ClusterAddress address)
    {
        var host = address is GatewayAddress gateway ? gateway.Host : GatewayAddress.Default.Host;
        return $"http://{(host.Contains(':') ? $"[{host}]" : host)}:{ClusterIdentity.DefaultApiPort}";
    }
}

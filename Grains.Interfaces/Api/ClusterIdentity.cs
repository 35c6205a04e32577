namespace OrleansKube.Api;

/// <summary>The Orleans cluster and service ids that silos and clients of one Orleans.Kube cluster share, and its well-known ports.</summary>
public static class ClusterIdentity
{
    public const string ClusterId = "okube";
    public const string ServiceId = "okube";

    /// <summary>The first silo's client gateway, where <c>okube</c> connects by default.</summary>
    public const int DefaultGatewayPort = 30000;
    public const int DefaultSiloPort = 11111;
    public const int DefaultHttpPort = 8080;

    /// <summary>The Kubernetes HTTP API, as kube-apiserver's secure port.</summary>
    public const int DefaultApiPort = 6443;
}

namespace OrleansKube.Model.Pods;

/// <summary>The phases of a pod's life.</summary>
public static class PodPhase
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Unknown = "Unknown";

    /// <summary>Succeeded and Failed are final: nothing runs any more and the kubelet will not start the pod again.</summary>
    public static bool IsTerminal(string? phase) => phase is Succeeded or Failed;
}

namespace OrleansKube.Model.Pods;

/// <summary>The phases of a pod's life.</summary>
public static class PodPhase
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Unknown = "Unknown";
}

using OrleansKube.Model.Pods;

namespace OrleansKube.Silo.Kubelet;

/// <summary>Whether a container that ended runs again, by the pod's <c>restartPolicy</c>.</summary>
internal static class RestartPolicies
{
    public const string Always = "Always";
    public const string OnFailure = "OnFailure";
    public const string Never = "Never";

    public static bool ShouldRestart(PodSpec spec, int exitCode) => (spec.RestartPolicy ?? Always) switch
    {
        Never => false,
        OnFailure => exitCode != 0,
        _ => true,
    };
}

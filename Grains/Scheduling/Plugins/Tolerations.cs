using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;

namespace OrleansKube.Scheduling.Plugins;

/// <summary>The effects a taint can have.</summary>
public static class TaintEffects
{
    public const string NoSchedule = "NoSchedule";
    public const string PreferNoSchedule = "PreferNoSchedule";
    public const string NoExecute = "NoExecute";
}

/// <summary>Whether a toleration matches a taint, by Kubernetes' rules.</summary>
public static class Tolerations
{
    public const string Equal = "Equal";
    public const string Exists = "Exists";

    /// <summary>
    /// An empty effect matches every effect; <c>Exists</c> matches any value of the key, and with an empty key every taint;
    /// <c>Equal</c> (the default) needs key and value to match.
    /// </summary>
    public static bool Tolerates(Toleration toleration, Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (string.IsNullOrEmpty(toleration.Key))
        {
            return toleration.Operator == Exists;
        }

        if (toleration.Key != taint.Key)
        {
            return false;
        }

        return toleration.Operator switch
        {
            Exists => true,
            null or "" or Equal => (toleration.Value ?? "") == (taint.Value ?? ""),
            _ => false,
        };
    }
}

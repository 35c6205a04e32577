using System.Collections.Immutable;
using OrleansKube.Model.Nodes;

namespace OrleansKube.Silo.Kubelet;

/// <summary>
/// Parses the kubelet's <c>--register-with-taints</c>, as Kubernetes writes it: <c>key=value:Effect</c> or
/// <c>key:Effect</c>, comma-separated. The taints are set when the node is first registered; after that they are the
/// user's to change.
/// </summary>
internal static class RegisterTaints
{
    private static readonly string[] Effects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

    public static bool TryParse(string? text, out ImmutableList<Taint> taints, out string error)
    {
        taints = [];
        error = "";
        foreach (var item in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = item.LastIndexOf(':');
            var effect = colon < 0 ? "" : item[(colon + 1)..];
            var keyValue = colon < 0 ? item : item[..colon];
            var equals = keyValue.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? keyValue : keyValue[..equals];
            if (key.Length == 0 || !Effects.Contains(effect))
            {
                error = $"invalid taint \"{item}\": must be key=value:Effect or key:Effect, with Effect one of {string.Join(", ", Effects)}";
                return false;
            }

            taints = taints.Add(new Taint { Key = key, Value = equals < 0 ? null : keyValue[(equals + 1)..], Effect = effect });
        }

        return true;
    }
}

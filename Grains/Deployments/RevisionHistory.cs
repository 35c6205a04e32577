using System.Collections.Immutable;
using OrleansKube.Model.Deployments;

namespace OrleansKube.Deployments;

/// <summary>
/// The deployment's revisions, oldest first, the current one last: what Kubernetes keeps as ReplicaSets and their
/// <c>deployment.kubernetes.io/revision</c> annotations.
/// </summary>
internal static class RevisionHistory
{
    public const string ChangeCauseAnnotation = "kubernetes.io/change-cause";

    /// <summary>
    /// Makes the current template the last revision: appended as max + 1 when new (if <paramref name="mayAppend"/>),
    /// moved to the end and renumbered max + 1 when an old one is rolled back to.
    /// </summary>
    public static ImmutableList<DeploymentRevision> Record(
        IReadOnlyList<DeploymentRevision> history, Deployment deployment, string hash, DateTimeOffset now, bool mayAppend)
    {
        var revisions = history.OrderBy(r => r.Revision).ToImmutableList();
        var changeCause = deployment.Metadata.Annotations.GetValueOrDefault(ChangeCauseAnnotation);
        var max = revisions.IsEmpty ? 0 : revisions[^1].Revision;
        var index = revisions.FindIndex(r => r.TemplateHash == hash);
        if (index < 0)
        {
            return mayAppend
                ? revisions.Add(new DeploymentRevision
                {
                    Revision = max + 1,
                    TemplateHash = hash,
                    Template = deployment.Spec.Template,
                    ChangeCause = changeCause,
                    CreationTimestamp = now,
                })
                : revisions;
        }

        var existing = revisions[index];
        var current = existing with { ChangeCause = changeCause ?? existing.ChangeCause };
        return index == revisions.Count - 1
            ? revisions.SetItem(index, current)
            : revisions.RemoveAt(index).Add(current with { Revision = max + 1 });
    }

    /// <summary>
    /// Keeps at most <paramref name="limit"/> revisions besides the current one, dropping the oldest first, but never
    /// one that still has pods (Kubernetes' <c>cleanupDeployment</c>).
    /// </summary>
    public static ImmutableList<DeploymentRevision> Trim(
        ImmutableList<DeploymentRevision> history, string currentHash, int limit, IReadOnlySet<string> hashesWithPods)
    {
        var old = history.Where(r => r.TemplateHash != currentHash).ToList();
        var excess = old.Count - Math.Max(0, limit);
        if (excess <= 0)
        {
            return history;
        }

        var drop = old.Take(excess).Where(r => !hashesWithPods.Contains(r.TemplateHash)).ToHashSet();
        return history.RemoveAll(drop.Contains);
    }

    /// <summary>The revision number of a template hash; 0 for one not in the history, so its pods count as the oldest.</summary>
    public static Func<string, long> RevisionOf(IReadOnlyList<DeploymentRevision> history, string currentHash)
    {
        var byHash = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var revision in history)
        {
            byHash[revision.TemplateHash] = revision.Revision;
        }

        byHash[currentHash] = long.MaxValue;
        return hash => byHash.GetValueOrDefault(hash);
    }
}

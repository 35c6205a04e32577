using System.Globalization;
using OrleansKube.Kinds.Describe;
using OrleansKube.Kinds.Pods;
using OrleansKube.Model.Deployments;

namespace OrleansKube.Client.Output;

/// <summary>What <c>rollout history</c> prints after the deployment's name, as kubectl's deployment history viewer.</summary>
internal static class RolloutHistory
{
    /// <summary>The annotation whose value is a revision's CHANGE-CAUSE.</summary>
    public const string ChangeCauseAnnotation = "kubernetes.io/change-cause";

    /// <summary>The label the pods of one template share; kubectl shows it among the template's labels.</summary>
    public const string TemplateHashLabel = "pod-template-hash";

    /// <summary>The <c>REVISION CHANGE-CAUSE</c> table, oldest first, or kubectl's words when nothing was recorded.</summary>
    public static string Table(IReadOnlyList<DeploymentRevision> revisions)
    {
        if (revisions.Count == 0)
        {
            return "No rollout history found.";
        }

        var w = new DescribeWriter();
        w.Line(0, "REVISION\tCHANGE-CAUSE");
        foreach (var revision in revisions.OrderBy(r => r.Revision))
        {
            var cause = string.IsNullOrEmpty(revision.ChangeCause) ? "<none>" : revision.ChangeCause;
            w.Line(0, string.Create(CultureInfo.InvariantCulture, $"{revision.Revision}\t{cause}"));
        }

        return w.ToString();
    }

    /// <summary>
    /// One revision's pod template. As kubectl shows a ReplicaSet's template, it carries the <c>pod-template-hash</c>
    /// label and, when there is one, the change cause as an annotation.
    /// </summary>
    public static string Revision(DeploymentRevision revision)
    {
        var metadata = revision.Template.Metadata;
        if (revision.TemplateHash.Length > 0)
        {
            metadata = metadata with { Labels = metadata.Labels.SetItem(TemplateHashLabel, revision.TemplateHash) };
        }

        if (!string.IsNullOrEmpty(revision.ChangeCause))
        {
            metadata = metadata with { Annotations = metadata.Annotations.SetItem(ChangeCauseAnnotation, revision.ChangeCause) };
        }

        var w = new DescribeWriter();
        PodTemplateDescriber.Write(w, revision.Template with { Metadata = metadata });
        return w.ToString();
    }
}

using OrleansKube.Kinds.Describe;
using OrleansKube.Model.Deployments;

namespace OrleansKube.Kinds.Pods;

/// <summary>kubectl's <c>DescribePodTemplate</c>: the <c>Pod Template:</c> section of <c>describe deployment</c> and of <c>rollout history --revision</c>.</summary>
public static class PodTemplateDescriber
{
    public static void Write(DescribeWriter w, PodTemplateSpec template)
    {
        w.Line(0, "Pod Template:");
        w.Map("  ", "Labels", template.Metadata.Labels);
        if (!template.Metadata.Annotations.IsEmpty)
        {
            w.Map("  ", "Annotations", template.Metadata.Annotations, ": ");
        }

        ContainerDescriber.Write(w, template.Spec.Containers, statuses: null, indent: "  ");
        w.Map("  ", "Node-Selectors", template.Spec.NodeSelector);
        w.List("  ", "Tolerations", [.. template.Spec.Tolerations.Select(DescribeWriter.Toleration)]);
    }
}

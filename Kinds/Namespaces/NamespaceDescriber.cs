using OrleansKube.Kinds.Describe;
using OrleansKube.Model.Namespaces;

namespace OrleansKube.Kinds.Namespaces;

/// <summary><c>okube describe namespace</c>: name, labels, annotations and status, as kubectl prints them.</summary>
public static class NamespaceDescriber
{
    public static string Describe(Namespace ns)
    {
        var w = new DescribeWriter();
        w.Field(0, "Name", ns.Metadata.Name);
        w.Map("", "Labels", ns.Metadata.Labels);
        w.Map("", "Annotations", ns.Metadata.Annotations, ": ");
        w.Field(0, "Status", NamespaceColumns.Status(ns));
        return w.ToString();
    }
}

using OrleansKube.Kinds.Columns;
using OrleansKube.Model.Namespaces;

namespace OrleansKube.Kinds.Namespaces;

/// <summary><c>NAME STATUS AGE</c>.</summary>
public static class NamespaceColumns
{
    public static ColumnSet<Namespace> Set { get; } = new(
        new("NAME", (ns, _) => ns.Metadata.Name ?? ""),
        new("STATUS", (ns, _) => Status(ns)),
        new("AGE", (ns, now) => Age.Since(ns.Metadata.CreationTimestamp, now)));

    /// <summary>The phase; a namespace without one is Active, or Terminating once its deletion began.</summary>
    public static string Status(Namespace ns) =>
        ns.Status?.Phase ?? (ns.Metadata.DeletionTimestamp is null ? Namespace.Active : Namespace.Terminating);
}

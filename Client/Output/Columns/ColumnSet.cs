using OrleansKube.Api;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Events;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;

namespace OrleansKube.Client.Output.Columns;

/// <summary>One column of <c>okube get</c>: its header, how a cell is computed, and whether only <c>-o wide</c> shows it.</summary>
internal sealed record Column<T>(string Header, Func<T, DateTimeOffset, string> Cell, bool Wide = false);

/// <summary>The columns <c>okube get</c> prints for one kind.</summary>
internal abstract class ColumnSet
{
    public abstract IReadOnlyList<string> Headers(bool wide);

    /// <summary>The cells of <paramref name="obj"/>'s row; <paramref name="now"/> is the time ages are measured to.</summary>
    public abstract IReadOnlyList<string> Cells(IKubeObject obj, DateTimeOffset now, bool wide);

    public static ColumnSet For(ResourceInfo resource) => resource.Kind switch
    {
        Pod.KindName => PodColumns.Set,
        Deployment.KindName => DeploymentColumns.Set,
        Node.KindName => NodeColumns.Set,
        Namespace.KindName => NamespaceColumns.Set,
        Event.KindName => EventColumns.Set,
        _ => throw new ArgumentException($"no columns for kind {resource.Kind}", nameof(resource)),
    };

    /// <summary>kubectl shows a missing value as <c>&lt;none&gt;</c>.</summary>
    public static string OrNone(string? value) => string.IsNullOrEmpty(value) ? "<none>" : value;
}

internal sealed class ColumnSet<T>(params Column<T>[] columns) : ColumnSet
    where T : IKubeObject
{
    public override IReadOnlyList<string> Headers(bool wide) => [.. Visible(wide).Select(column => column.Header)];

    public override IReadOnlyList<string> Cells(IKubeObject obj, DateTimeOffset now, bool wide) =>
        [.. Visible(wide).Select(column => column.Cell((T)obj, now))];

    private IEnumerable<Column<T>> Visible(bool wide) => columns.Where(column => wide || !column.Wide);
}

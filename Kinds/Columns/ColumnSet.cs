using OrleansKube.Model;

namespace OrleansKube.Kinds.Columns;

/// <summary>One column of <c>okube get</c>: its header, how a cell is computed, and whether only <c>-o wide</c> shows it.</summary>
public sealed record Column<T>(string Header, Func<T, DateTimeOffset, string> Cell, bool Wide = false);

/// <summary>The columns <c>okube get</c> prints for one kind.</summary>
public abstract class ColumnSet
{
    public abstract IReadOnlyList<string> Headers(bool wide);

    /// <summary>The cells of <paramref name="obj"/>'s row; <paramref name="now"/> is the time ages are measured to.</summary>
    public abstract IReadOnlyList<string> Cells(IKubeObject obj, DateTimeOffset now, bool wide);

    /// <summary>kubectl shows a missing value as <c>&lt;none&gt;</c>.</summary>
    public static string OrNone(string? value) => string.IsNullOrEmpty(value) ? "<none>" : value;
}

public sealed class ColumnSet<T>(params Column<T>[] columns) : ColumnSet
    where T : IKubeObject
{
    public override IReadOnlyList<string> Headers(bool wide) => [.. Visible(wide).Select(column => column.Header)];

    public override IReadOnlyList<string> Cells(IKubeObject obj, DateTimeOffset now, bool wide) =>
        [.. Visible(wide).Select(column => column.Cell((T)obj, now))];

    private IEnumerable<Column<T>> Visible(bool wide) => columns.Where(column => wide || !column.Wide);
}

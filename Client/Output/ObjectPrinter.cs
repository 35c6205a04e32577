using System.Text.Json.Nodes;
using OrleansKube.Api;
using OrleansKube.Kinds;
using OrleansKube.Kinds.Columns;
using OrleansKube.Kinds.Events;
using OrleansKube.Kinds.Manifests;
using OrleansKube.Model;
using OrleansKube.Model.Events;
using OrleansKube.Serialization;

namespace OrleansKube.Client.Output;

/// <summary>
/// Prints objects of one kind in one <see cref="OutputFormat"/>. Keeps what it printed before, so a watch adds rows
/// under the header it printed once (with the same column widths), or separates YAML documents. With
/// <paramref name="kindInName"/> a table's names read as <c>-o name</c> prints them (<c>pod/web-1</c>), as in <c>get all</c>.
/// </summary>
internal sealed class ObjectPrinter(ResourceInfo resource, OutputFormat format, bool namespaceColumn = false, bool kindInName = false)
{
    private readonly ColumnSet _columns = KindRegistry.For(resource).Columns;
    private readonly TablePrinter _table = new();
    private readonly List<(SortKey Key, IReadOnlyList<string> Row)> _rows = [];
    private readonly bool _namespaceColumn = namespaceColumn && resource.Namespaced;
    private bool _started;

    /// <summary>
    /// Prints <paramref name="objects"/> at once: a table under its header, names, or JSON/YAML; with
    /// <paramref name="asList"/> JSON and YAML are one <c>List</c> as kubectl prints them for <c>get KIND</c>.
    /// </summary>
    public string Print(IReadOnlyList<IKubeObject> objects, bool asList, DateTimeOffset now) => format switch
    {
        OutputFormat.Json when asList => ListOf(objects).ToJsonString(KubeJson.Indented) + "\n",
        OutputFormat.Yaml when asList => ManifestWriter.ToYaml(ListOf(objects)),
        _ => PrintEach(objects, now),
    };

    /// <summary>Prints each object on its own: table rows (with the header the first time), names, or one JSON/YAML document each.</summary>
    public string PrintEach(IReadOnlyList<IKubeObject> objects, DateTimeOffset now)
    {
        if (objects.Count == 0)
        {
            return "";
        }

        string text;
        switch (format)
        {
            case OutputFormat.Table or OutputFormat.Wide:
                var wide = format == OutputFormat.Wide;
                var header = _started ? null : Prefix("NAMESPACE", _columns.Headers(wide));
                text = _table.Render(header, [.. objects.Select(obj => Row(obj, now, wide))]);
                break;
            case OutputFormat.Name:
                text = string.Concat(objects.Select(obj => NameOf(obj) + "\n"));
                break;
            case OutputFormat.Json:
                text = string.Concat(objects.Select(obj => Shown(obj).ToJsonString(KubeJson.Indented) + "\n"));
                break;
            default:
                text = string.Join("---\n", objects.Select(obj => ManifestWriter.ToYaml(Shown(obj))));
                text = _started ? "---\n" + text : text;
                break;
        }

        _started = true;
        return text;
    }

    /// <summary>Whether the format is a table, whose rows <see cref="AddRows"/> can make as a list's pages arrive.</summary>
    public bool PrintsRows => format is OutputFormat.Table or OutputFormat.Wide;

    /// <summary>How many rows <see cref="AddRows"/> has made.</summary>
    public int RowCount => _rows.Count;

    /// <summary>Makes the table rows of <paramref name="objects"/>, to print with the others by <see cref="PrintRows"/>; the objects need not be kept.</summary>
    public void AddRows(IEnumerable<IKubeObject> objects, DateTimeOffset now)
    {
        foreach (var obj in objects)
        {
            _rows.Add((SortKey.Of(obj), Row(obj, now, format == OutputFormat.Wide)));
        }
    }

    /// <summary>Prints the rows made by <see cref="AddRows"/> in kubectl's order, under the header the first time.</summary>
    public string PrintRows()
    {
        if (_rows.Count == 0)
        {
            return "";
        }

        var header = _started ? null : Prefix("NAMESPACE", _columns.Headers(format == OutputFormat.Wide));
        _started = true;
        return _table.Render(header, [.. InKubectlOrder(_rows, row => row.Key).Select(row => row.Row)]);
    }

    /// <summary>The form of <c>-o name</c> and of apply's output: <c>pod/web</c>, <c>deployment.apps/web</c>.</summary>
    public static string NameOf(IKubeObject obj) =>
        $"{KindRegistry.For(obj).Resource.QualifiedSingular}/{obj.Metadata.Name}";

    /// <summary>Objects in the order kubectl lists them: by namespace, then by name; events first by when they were last seen.</summary>
    public static IReadOnlyList<IKubeObject> InOrder(IEnumerable<IKubeObject> objects) => [.. InKubectlOrder(objects, SortKey.Of)];

    private static IEnumerable<T> InKubectlOrder<T>(IEnumerable<T> items, Func<T, SortKey> key) =>
        items
            .OrderBy(item => key(item).LastSeen)
            .ThenBy(item => key(item).Namespace, StringComparer.Ordinal)
            .ThenBy(item => key(item).Name, StringComparer.Ordinal);

    private IReadOnlyList<string> Row(IKubeObject obj, DateTimeOffset now, bool wide)
    {
        var cells = _columns.Cells(obj, now, wide);
        return Prefix(obj.Metadata.Namespace ?? "", kindInName ? [NameOf(obj), .. cells.Skip(1)] : cells);
    }

    private IReadOnlyList<string> Prefix(string first, IReadOnlyList<string> cells) => _namespaceColumn ? [first, .. cells] : cells;

    /// <summary>What kubectl orders a listing by: events by when they were last seen, then namespace, then name.</summary>
    private readonly record struct SortKey(DateTimeOffset? LastSeen, string Namespace, string? Name)
    {
        public static SortKey Of(IKubeObject obj) =>
            new(obj is Event e ? EventColumns.LastSeen(e) : null, obj.Metadata.Namespace ?? "", obj.Metadata.Name);
    }

    // As kubectl's default --show-managed-fields=false: who set which field is the API server's bookkeeping.
    private static JsonNode Shown(IKubeObject obj)
    {
        var node = KubeJson.ToNode(obj);
        (node["metadata"] as JsonObject)?.Remove("managedFields");
        return node;
    }

    private static JsonObject ListOf(IReadOnlyList<IKubeObject> objects) => new()
    {
        ["apiVersion"] = "v1",
        ["items"] = new JsonArray([.. objects.Select(obj => (JsonNode?)Shown(obj))]),
        ["kind"] = "List",
        ["metadata"] = new JsonObject { ["resourceVersion"] = "" },
    };
}

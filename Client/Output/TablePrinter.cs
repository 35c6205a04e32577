using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrleansKube.Client.Output;

/// <summary>
/// Prints rows the way kubectl does: no borders, left-aligned columns three spaces apart, no trailing spaces, plain text
/// (never ANSI codes, whether or not stdout is a terminal). Column widths are remembered, so rows printed later
/// (by a watch) line up under the header, as kubectl's tab writer does.
/// </summary>
internal sealed class TablePrinter
{
    private const int ColumnGap = 3;

    private int[] _widths = [];

    /// <summary>Renders <paramref name="rows"/>, preceded by <paramref name="header"/> unless it is null.</summary>
    public string Render(IReadOnlyList<string>? header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var lines = header is null ? rows : [header, .. rows];
        if (lines.Count == 0)
        {
            return "";
        }

        var columns = lines.Max(line => line.Count);
        _widths = [.. Enumerable.Range(0, columns).Select(c =>
            Math.Max(c < _widths.Length ? _widths[c] : 0, lines.Max(line => c < line.Count ? line[c].GetCellWidth() : 0)))];

        var table = new Table { Border = TableBorder.None, ShowHeaders = false };
        for (var c = 0; c < columns; c++)
        {
            var last = c == columns - 1;

            // An explicit width keeps remembered widths; it is never below the content, so nothing wraps.
            table.AddColumn(new TableColumn(Text.Empty)
            {
                NoWrap = true,
                Width = last ? null : _widths[c],
                Padding = new Padding(0, 0, last ? 0 : ColumnGap, 0),
            });
        }

        foreach (var line in lines)
        {
            table.AddRow(Enumerable.Range(0, columns).Select(c => (IRenderable)new Text(c < line.Count ? line[c] : "")));
        }

        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });

        // Wide enough for the whole row: Spectre would otherwise wrap at the terminal's (or a redirected default) width.
        console.Profile.Width = _widths.Sum() + (ColumnGap * columns) + 1;
        console.Write(table);

        var text = writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
        return string.Concat(text.Split('\n').Select(line => line.TrimEnd() + "\n"));
    }
}

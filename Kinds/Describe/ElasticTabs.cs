using System.Text;

namespace OrleansKube.Kinds.Describe;

/// <summary>
/// Aligns tab-separated text the way Go's <c>text/tabwriter</c> does, which is what gives <c>kubectl describe</c> its look:
/// a tab ends a cell, and a column is aligned over each run of adjacent lines that have a cell in it, so a line
/// without that cell starts a new run. The last cell of a line is never padded.
/// </summary>
public static class ElasticTabs
{
    public static string Format(string text, int padding = 2)
    {
        var lines = text.Split('\n').Select(line => line.Split('\t')).ToList();
        var output = new StringBuilder();
        var widths = new List<int>();
        WriteBlock(lines, 0, lines.Count, padding, widths, output);
        return output.ToString();
    }

    // Go's tabwriter.format: for the next column, each run of lines having a cell there gets the widest cell's width,
    // then the columns right of it are laid out within that run.
    private static void WriteBlock(List<string[]> lines, int first, int end, int padding, List<int> widths, StringBuilder output)
    {
        var column = widths.Count;
        var pending = first;
        for (var line = first; line < end; line++)
        {
            if (column >= lines[line].Length - 1)
            {
                continue;
            }

            WriteLines(lines, pending, line, widths, output);
            var runStart = line;
            var width = 0;
            for (; line < end && column < lines[line].Length - 1; line++)
            {
                width = Math.Max(width, lines[line][column].Length + padding);
            }

            widths.Add(width);
            WriteBlock(lines, runStart, line, padding, widths, output);
            widths.RemoveAt(widths.Count - 1);
            pending = line;
            line--;
        }

        WriteLines(lines, pending, end, widths, output);
    }

    private static void WriteLines(List<string[]> lines, int first, int end, List<int> widths, StringBuilder output)
    {
        for (var line = first; line < end; line++)
        {
            var cells = lines[line];
            for (var c = 0; c < cells.Length; c++)
            {
                output.Append(cells[c]);
                if (c < widths.Count && c < cells.Length - 1)
                {
                    output.Append(' ', widths[c] - cells[c].Length);
                }
            }

            if (line < lines.Count - 1)
            {
                output.Append('\n');
            }
        }
    }
}

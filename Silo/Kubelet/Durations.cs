using System.Globalization;
using System.Text;

namespace OrleansKube.Silo.Kubelet;

/// <summary>Durations in Go's words, as Kubernetes messages show them: <c>10s</c>, <c>2m40s</c>, <c>1h0m0s</c>.</summary>
internal static class Durations
{
    public static string Format(TimeSpan duration)
    {
        var text = new StringBuilder();
        var total = (long)Math.Round(duration.TotalSeconds);
        if (total >= 3600)
        {
            text.Append(CultureInfo.InvariantCulture, $"{total / 3600}h");
        }

        if (total >= 60)
        {
            text.Append(CultureInfo.InvariantCulture, $"{total % 3600 / 60}m");
        }

        return text.Append(CultureInfo.InvariantCulture, $"{total % 60}s").ToString();
    }
}

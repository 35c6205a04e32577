using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansKube.Client.Commands;

/// <summary>Durations written as kubectl's flags take them (Go's <c>time.ParseDuration</c>): <c>30s</c>, <c>1m30s</c>, <c>500ms</c>, <c>2h</c>, <c>0</c>.</summary>
internal static partial class GoDuration
{
    /// <summary>The duration <paramref name="text"/> spells, or null when Go would refuse it.</summary>
    public static TimeSpan? Parse(string text)
    {
        if (text is "0" or "+0" or "-0")
        {
            return TimeSpan.Zero;
        }

        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var ticks = 0.0;
        for (var i = 0; i < match.Groups["number"].Captures.Count; i++)
        {
            var number = double.Parse(match.Groups["number"].Captures[i].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            ticks += number * match.Groups["unit"].Captures[i].Value switch
            {
                "ns" => TimeSpan.TicksPerMicrosecond / 1000.0,
                "us" or "µs" or "μs" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
        }

        if (ticks >= TimeSpan.MaxValue.Ticks)
        {
            return null;
        }

        var duration = TimeSpan.FromTicks((long)ticks);
        return match.Groups["sign"].Value == "-" ? -duration : duration;
    }

    [GeneratedRegex(@"^(?<sign>[-+]?)(?:(?<number>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?<unit>ns|us|µs|μs|ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

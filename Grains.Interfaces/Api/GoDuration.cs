using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansKube.Api;

/// <summary>
/// Durations written as kubectl's flags take them (Go's <c>time.ParseDuration</c>): <c>30s</c>, <c>1m30s</c>, <c>500ms</c>,
/// <c>2h</c>, <c>0</c>; and as its messages print them.
/// </summary>
public static partial class GoDuration
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

    /// <summary>
    /// <paramref name="duration"/> as Go's <c>Duration.String</c> writes it, as kubectl's messages show durations:
    /// <c>1m0s</c>, <c>1h2m3.5s</c>, <c>500ms</c>, <c>0s</c>.
    /// </summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var sign = duration < TimeSpan.Zero ? "-" : "";
        var nanoseconds = Math.Abs((decimal)duration.Ticks * 100);
        if (nanoseconds < 1_000_000_000)
        {
            var (unit, scale) = nanoseconds < 1_000 ? ("ns", 1m) : nanoseconds < 1_000_000 ? ("µs", 1_000m) : ("ms", 1_000_000m);
            return sign + Number(nanoseconds / scale) + unit;
        }

        var hours = decimal.Truncate(nanoseconds / 3_600_000_000_000m);
        nanoseconds -= hours * 3_600_000_000_000m;
        var minutes = decimal.Truncate(nanoseconds / 60_000_000_000m);
        var seconds = (nanoseconds - (minutes * 60_000_000_000m)) / 1_000_000_000m;
        var prefix = hours > 0 ? $"{Number(hours)}h{Number(minutes)}m" : minutes > 0 ? $"{Number(minutes)}m" : "";
        return sign + prefix + Number(seconds) + "s";
    }

    private static string Number(decimal value) => value.ToString("0.#########", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<sign>[-+]?)(?:(?<number>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?<unit>ns|us|µs|μs|ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

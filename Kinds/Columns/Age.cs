using System.Globalization;

namespace OrleansKube.Kinds.Columns;

/// <summary>Durations as kubectl prints them: the AGE column (<c>HumanDuration</c>) and probe timings (Go's <c>Duration.String</c>).</summary>
public static class Age
{
    /// <summary>The age of an object created at <paramref name="timestamp"/>, or <c>&lt;unknown&gt;</c> when it has none.</summary>
    public static string Since(DateTimeOffset? timestamp, DateTimeOffset now) =>
        timestamp is { } value ? HumanDuration(now - value) : "<unknown>";

    /// <summary>kubectl's <c>duration.HumanDuration</c>: two significant units at most, coarser as the span grows.</summary>
    public static string HumanDuration(TimeSpan duration)
    {
        var seconds = duration.Ticks / TimeSpan.TicksPerSecond;

        // Clocks of client and cluster differ a little; kubectl treats up to a second in the future as now.
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 120)
        {
            return Invariant($"{seconds}s");
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return seconds % 60 == 0 ? Invariant($"{minutes}m") : Invariant($"{minutes}m{seconds % 60}s");
        }

        if (minutes < 180)
        {
            return Invariant($"{minutes}m");
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            return minutes % 60 == 0 ? Invariant($"{hours}h") : Invariant($"{hours}h{minutes % 60}m");
        }

        if (hours < 48)
        {
            return Invariant($"{hours}h");
        }

        var days = hours / 24;
        if (hours < 24 * 8)
        {
            return hours % 24 == 0 ? Invariant($"{days}d") : Invariant($"{days}d{hours % 24}h");
        }

        if (hours < 24 * 365 * 2)
        {
            return Invariant($"{days}d");
        }

        var years = days / 365;
        if (hours < 24 * 365 * 8)
        {
            return days % 365 == 0 ? Invariant($"{years}y") : Invariant($"{years}y{days % 365}d");
        }

        return Invariant($"{years}y");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

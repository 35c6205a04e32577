using System.Globalization;

namespace OrleansKube.ApiServer;

/// <summary>
/// Makes resource versions: increasing per object and, because they start from the clock, larger than any version
/// an earlier object of the same name had, so a client holding a version of a deleted object cannot update its successor.
/// </summary>
internal static class ResourceVersions
{
    public static string Next(string? previous, TimeProvider clock)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        var last = long.TryParse(previous, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
        return Math.Max(now, last + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Orders two versions of the same object; an unparsable version counts as oldest.</summary>
    public static bool IsNewer(string? candidate, string? current) => Parse(candidate) > Parse(current);

    private static long Parse(string? version) =>
        long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1;
}

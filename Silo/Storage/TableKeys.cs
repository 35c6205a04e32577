using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OrleansKube.Silo.Storage;

/// <summary>
/// Turns grain ids and state names into Azure Table keys. Tables refuse <c>/ \ # ?</c> and control characters in keys
/// and keys over 1 KiB; <c>%</c> and <c>'</c> survive the REST path only awkwardly. Each such character becomes
/// <c>~XXXX</c> (its UTF-16 code in hex, <c>~</c> itself included), so distinct inputs never share a key. A key that is
/// still too long keeps a readable prefix and ends in <c>~h</c> and the SHA-256 of the whole escaped key; <c>~h</c>
/// never occurs in an escaped key (an escape is followed by hex digits), so a hashed key cannot equal a short one.
/// The result is not meant to be parsed back: the grain id and state name are not needed to read a state.
/// </summary>
internal static class TableKeys
{
    /// <summary>Longest key kept as is, in UTF-16 characters: 1 KiB of the service's two-byte characters.</summary>
    public const int MaxLength = 512;

    private const int HashedPrefixLength = MaxLength - 2 - 64 - 1;

    /// <summary>
    /// The partition of a grain's states: the service (so clusters can share a table), the grain type and the grain key,
    /// joined by <c>~_</c>, which no escaped part contains, so no two grains share a partition.
    /// </summary>
    public static string PartitionKey(string serviceId, GrainId grainId) => Key(serviceId, grainId.Type.ToString()!, grainId.Key.ToString()!);

    /// <summary>One row per state of a grain, named after the state.</summary>
    public static string RowKey(string stateName) => Key(stateName);

    public static string Key(params string[] parts)
    {
        var escaped = string.Join("~_", parts.Select(Escape));
        if (escaped.Length <= MaxLength)
        {
            return escaped;
        }

        var cut = HashedPrefixLength;
        if (char.IsHighSurrogate(escaped[cut - 1]))
        {
            // Never leave half a surrogate pair at the end of the prefix: the service refuses malformed UTF-16.
            cut--;
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(escaped)));
        return string.Concat(escaped.AsSpan(0, cut), "~h", hash);
    }

    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (NeedsEscape(c))
            {
                builder.Append('~').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c is '/' or '\\' or '#' or '?' or '%' or '\'' or '~' || char.IsControl(c);
}

using System.Globalization;

namespace OrleansKube.Deployments;

/// <summary>
/// Deterministic names for new pods, <c>&lt;deployment&gt;-&lt;hash&gt;-&lt;suffix&gt;</c>: a reconcile that runs again before
/// it sees its own pods asks for the same names, so the second create is a harmless AlreadyExists.
/// </summary>
internal static class PodNames
{
    private const int SuffixLength = 5;

    /// <summary>The first <paramref name="count"/> names by index that are not in <paramref name="taken"/>; adds them to it.</summary>
    public static IReadOnlyList<string> Next(string deployment, string hash, int count, ISet<string> taken)
    {
        var names = new List<string>(count);
        for (var index = 0; names.Count < count; index++)
        {
            var name = $"{deployment}-{hash}-{Suffix(hash, index)}";
            if (taken.Add(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>Five characters of the safe alphabet drawn from FNV-32a of the hash and the index.</summary>
    public static string Suffix(string hash, int index)
    {
        var value = PodTemplateHash.Fnv32a(hash + "-" + index.ToString(CultureInfo.InvariantCulture));
        var alphabet = PodTemplateHash.Alphabet;
        var suffix = new char[SuffixLength];
        for (var i = 0; i < SuffixLength; i++)
        {
            suffix[i] = alphabet[(int)(value % (uint)alphabet.Length)];
            value /= (uint)alphabet.Length;
        }

        return new string(suffix);
    }
}

using System.Globalization;
using System.Text;
using OrleansKube.Model.Deployments;
using OrleansKube.Serialization;

namespace OrleansKube.Deployments;

/// <summary>
/// The <c>pod-template-hash</c> of a pod template, computed as Kubernetes' <c>controller.ComputeHash</c> does: FNV-32a
/// over a canonical serialization of the template, its decimal value encoded with <c>rand.SafeEncodeString</c>.
/// </summary>
public static class PodTemplateHash
{
    /// <summary>The label that ties a pod to the template (revision) it was made from.</summary>
    public const string Label = "pod-template-hash";

    /// <summary>The characters of <c>rand.SafeEncodeString</c>: no vowels, no look-alikes, so no words and no confusion.</summary>
    internal const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>A short stable string such as <c>5d4cf56db6</c>, the same for templates that serialize the same.</summary>
    public static string Compute(PodTemplateSpec template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var hash = Fnv32a(KubeJson.Serialize(template));
        return SafeEncode(hash.ToString(CultureInfo.InvariantCulture));
    }

    internal static uint Fnv32a(string text)
    {
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= Prime;
        }

        return hash;
    }

    internal static string SafeEncode(string text)
    {
        var encoded = new char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            encoded[i] = Alphabet[text[i] % Alphabet.Length];
        }

        return new string(encoded);
    }
}

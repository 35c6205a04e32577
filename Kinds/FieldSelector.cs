using OrleansKube.Api;
using OrleansKube.Model;

namespace OrleansKube.Kinds;

/// <summary>
/// A Kubernetes field selector (<c>spec.nodeName=node-1,status.phase!=Running</c>) bound to one kind's field labels:
/// each requirement is <c>=</c>, <c>==</c> or <c>!=</c> against the exact text of a field the kind offers.
/// </summary>
public sealed class FieldSelector
{
    private readonly IReadOnlyList<(Func<IKubeObject, string?> Field, string Value, bool Equal)> _requirements;

    private FieldSelector(IReadOnlyList<(Func<IKubeObject, string?>, string, bool)> requirements) => _requirements = requirements;

    /// <summary>Selects everything.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>Whether it selects everything, so a list needs no filtering.</summary>
    public bool IsEmpty => _requirements.Count == 0;

    /// <summary>
    /// Reads <paramref name="text"/> for <paramref name="kind"/>; fails with BadRequest, as kube-apiserver does, for
    /// text that is not a selector or names a field the kind does not offer.
    /// </summary>
    public static FieldSelector Parse(string? text, KindDescriptor kind)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<(Func<IKubeObject, string?>, string, bool)>();
        foreach (var part in text.Split(','))
        {
            var (field, value, equal) = Split(part.Trim(), text);
            var read = kind.FieldLabel(field) ??
                throw new ApiException(ApiErrorReason.BadRequest, $"field label not supported: {field}");
            requirements.Add((read, value, equal));
        }

        return new FieldSelector(requirements);
    }

    public bool Matches(IKubeObject obj) => _requirements.All(r => (r.Field(obj) == r.Value) == r.Equal);

    private static (string Field, string Value, bool Equal) Split(string requirement, string text)
    {
        foreach (var (op, equal) in new[] { ("!=", false), ("==", true), ("=", true) })
        {
            var at = requirement.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                return (requirement[..at].Trim(), requirement[(at + op.Length)..].Trim(), equal);
            }
        }

        throw new ApiException(ApiErrorReason.BadRequest, $"invalid selector: '{text}'; can't understand '{requirement}'");
    }
}

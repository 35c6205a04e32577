using OrleansKube.Model.Pods;

namespace OrleansKube.Deployments;

/// <summary>What a strategy decided: how many pods of which template to create, and which pods to delete.</summary>
internal sealed class ScalePlan
{
    private readonly SortedDictionary<string, int> _creates = new(StringComparer.Ordinal);
    private readonly List<Pod> _deletes = [];
    private readonly HashSet<string> _deleted = new(StringComparer.Ordinal);

    /// <summary>Pods to create, by template hash.</summary>
    public IReadOnlyDictionary<string, int> Creates => _creates;

    public IReadOnlyList<Pod> Deletes => _deletes;

    public bool IsEmpty => _creates.Count == 0 && _deletes.Count == 0;

    public void Create(string hash, int count)
    {
        if (count > 0)
        {
            _creates[hash] = _creates.GetValueOrDefault(hash) + count;
        }
    }

    public void Delete(IEnumerable<Pod> pods)
    {
        foreach (var pod in pods)
        {
            if (_deleted.Add(pod.Metadata.Name ?? ""))
            {
                _deletes.Add(pod);
            }
        }
    }

    public bool IsDeleted(Pod pod) => _deleted.Contains(pod.Metadata.Name ?? "");

    /// <summary>Brings one template's alive pods to exactly <paramref name="target"/>: creates the missing, deletes the extras by rank.</summary>
    public void ScaleTo(string hash, IEnumerable<Pod> alive, int target)
    {
        var pods = alive.Where(pod => !IsDeleted(pod)).ToList();
        if (pods.Count < target)
        {
            Create(hash, target - pods.Count);
        }
        else if (pods.Count > target)
        {
            Delete(pods.Order(PodRanking.Instance).Take(pods.Count - target));
        }
    }
}

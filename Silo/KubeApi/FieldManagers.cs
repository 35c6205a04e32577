using System.Text.Json.Nodes;
using OrleansKube.Api;
using OrleansKube.Model;

namespace OrleansKube.Silo.KubeApi;

/// <summary>
/// Field ownership, as kube-apiserver's <c>managedFields</c> keep it for server-side apply. Each manager owns the fields
/// it last set: an apply owns exactly the fields of its configuration; an update gains the fields it changed, which
/// other managers then lose. An apply that would change a field another manager owns is a conflict unless forced;
/// a field an apply owned and no longer names is removed, unless another manager owns it too. Lists with a merge key
/// (containers by name, ...) are owned element by element; other lists, whole.
/// </summary>
internal static class FieldManagers
{
    private const string Marker = ".";
    private const char Separator = '\n';

    // Fields that are the server's, not any manager's.
    private static readonly HashSet<string> ServerFields =
        ["apiVersion", "kind", "status", "metadata/name", "metadata/namespace", "metadata/uid", "metadata/resourceVersion",
         "metadata/generation", "metadata/creationTimestamp", "metadata/deletionTimestamp", "metadata/managedFields", "metadata/selfLink"];

    /// <summary>The entries of a newly created object: its creator owns all it set.</summary>
    public static JsonArray OnCreate(JsonObject created, string manager, string operation, ResourceInfo resource, DateTimeOffset now) =>
        Write([(new Owner(manager, operation), Leaves(created))], resource, now);

    /// <summary>The entries after an update from <paramref name="stored"/> to <paramref name="updated"/> by <paramref name="manager"/>.</summary>
    public static JsonArray OnUpdate(JsonObject stored, JsonObject updated, string manager, ResourceInfo resource, DateTimeOffset now)
    {
        var owners = Read(stored);
        var changed = Leaves(updated).Where(path => !SameValue(stored, updated, path)).ToHashSet();
        if (changed.Count == 0)
        {
            return Write(owners, resource, now);
        }

        var updater = new Owner(manager, ManagedFieldsEntry.Update);
        var result = owners.Select(o => o.Owner == updater ? o : (o.Owner, Fields: o.Fields.Except(changed).ToHashSet())).ToList();
        var mine = result.FindIndex(o => o.Owner == updater);
        if (mine < 0)
        {
            result.Add((updater, changed));
        }
        else
        {
            result[mine] = (updater, [.. result[mine].Fields, .. changed]);
        }


        return Write(result, resource, now);
    }

    /// <summary>
    /// Server-side apply of <paramref name="config"/> by <paramref name="manager"/> to <paramref name="stored"/>: the
    /// object it makes, with its entries in <c>metadata.managedFields</c>. Fails with a conflict naming each field
    /// another manager owns with another value, unless <paramref name="force"/> takes them.
    /// </summary>
    public static JsonObject Apply(JsonObject stored, JsonObject config, string manager, bool force, ResourceInfo resource, DateTimeOffset now)
    {
        var owners = Read(stored);
        var applier = new Owner(manager, ManagedFieldsEntry.Apply);
        var applied = Leaves(config);
        var conflicts = owners
            .Where(o => o.Owner != applier)
            .SelectMany(o => o.Fields.Where(path => applied.Contains(path) && !IsMarker(path) && !SameValue(stored, config, path)).Select(path => (o.Owner.Manager, path)))
            .ToList();
        if (conflicts.Count > 0 && !force)
        {
            throw Conflict(conflicts, resource);
        }

        var previous = owners.FirstOrDefault(o => o.Owner == applier).Fields ?? [];
        var others = owners.Where(o => o.Owner != applier)
            .Select(o => (o.Owner, Fields: force ? o.Fields.Except(conflicts.Select(c => c.path)).ToHashSet() : o.Fields))
            .ToList();
        var merged = (JsonObject)Patches.Merge(stored.DeepClone(), config.DeepClone(), strategic: true)!;

        // What this manager applied before and applies no more goes, unless someone else owns it. A list element goes
        // before its fields, which are found by its key.
        foreach (var path in previous.Except(applied).Where(path => !others.Any(o => o.Fields.Contains(path))).OrderBy(path => Segments(path).Count - (IsMarker(path) ? 1 : 0)))
        {
            Remove(merged, Segments(path));
        }

        others.Add((applier, applied));
        ((JsonObject)merged["metadata"]!)["managedFields"] = Write(others, resource, now);
        return merged;
    }

    /// <summary>The manager a request names (<c>fieldManager</c>), else the first word of its user agent, as kube-apiserver defaults it.</summary>
    public static string ManagerOf(HttpRequest request) =>
        ApiQuery.Text(request, "fieldManager")
        ?? (request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent.Split('/', ' ')[0] : "unknown");

    /// <summary>A manager and how it wrote; <see cref="Time"/> is when it last did, and is not part of who it is.</summary>
    private sealed record Owner(string Manager, string Operation)
    {
        public string? Time { get; init; }

        public bool Equals(Owner? other) => other is not null && Manager == other.Manager && Operation == other.Operation;

        public override int GetHashCode() => HashCode.Combine(Manager, Operation);
    }

    private static List<(Owner Owner, HashSet<string> Fields)> Read(JsonObject obj)
    {
        var owners = new List<(Owner, HashSet<string>)>();
        foreach (var entry in obj["metadata"]?["managedFields"] as JsonArray ?? [])
        {
            if (entry?["manager"]?.GetValue<string>() is { } manager && entry["operation"]?.GetValue<string>() is { } operation &&
                string.IsNullOrEmpty(entry["subresource"]?.GetValue<string>()))
            {
                var fields = new HashSet<string>();
                if (entry["fieldsV1"] is JsonObject set)
                {
                    FromFieldsV1(set, [], fields);
                }

                owners.Add((new Owner(manager, operation) { Time = entry["time"]?.GetValue<string>() }, fields));
            }
        }

        return owners;
    }

    private static JsonArray Write(IEnumerable<(Owner Owner, HashSet<string> Fields)> owners, ResourceInfo resource, DateTimeOffset now) =>
        new([.. owners.Where(o => o.Fields.Count > 0).Select(o => (JsonNode)new JsonObject
        {
            ["manager"] = o.Owner.Manager,
            ["operation"] = o.Owner.Operation,
            ["apiVersion"] = resource.ApiVersion,
            ["time"] = o.Owner.Time ?? now.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = ToFieldsV1(o.Fields),
        })]);

    /// <summary>The owned paths of <paramref name="obj"/>: every leaf, and each element of a keyed list (with a <c>.</c> marker).</summary>
    private static HashSet<string> Leaves(JsonObject obj)
    {
        var leaves = new HashSet<string>();
        AddLeaves(obj, [], "", leaves);
        return leaves;
    }

    private static void AddLeaves(JsonObject obj, List<string> prefix, string plainPath, HashSet<string> leaves)
    {
        foreach (var (name, child) in obj)
        {
            var childPlain = plainPath.Length == 0 ? name : $"{plainPath}/{name}";
            if (ServerFields.Contains(childPlain) || child is null)
            {
                continue;
            }

            List<string> path = [.. prefix, "f:" + name];
            if (child is JsonObject nested && nested.Count > 0)
            {
                AddLeaves(nested, path, childPlain, leaves);
            }
            else if (child is JsonArray list && Patches.MergeKeyOf(name) is { } key && list.All(e => e is JsonObject o && o[key] is not null))
            {
                foreach (var element in list.Cast<JsonObject>())
                {
                    List<string> elementPath = [.. path, ElementKey(key, element[key]!)];
                    leaves.Add(Join([.. elementPath, Marker]));
                    AddLeaves(element, elementPath, $"{childPlain}/*", leaves);
                }
            }
            else
            {
                leaves.Add(Join(path));
            }
        }
    }

    private static string ElementKey(string key, JsonNode value) => "k:" + new JsonObject { [key] = value.DeepClone() }.ToJsonString();

    private static JsonObject ToFieldsV1(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths)
        {
            var node = root;
            foreach (var segment in Segments(path))
            {
                node = (JsonObject)(node[segment] ??= new JsonObject());
            }
        }

        return root;
    }

    private static void FromFieldsV1(JsonObject set, List<string> prefix, HashSet<string> fields)
    {
        foreach (var (segment, child) in set)
        {
            List<string> path = [.. prefix, segment];
            if (child is JsonObject nested && nested.Count > 0)
            {
                FromFieldsV1(nested, path, fields);
            }
            else
            {
                fields.Add(Join(path));
            }
        }
    }

    private static bool SameValue(JsonObject left, JsonObject right, string path) =>
        JsonNode.DeepEquals(Find(left, Segments(path)), Find(right, Segments(path)));

    private static JsonNode? Find(JsonNode? node, IReadOnlyList<string> segments)
    {
        foreach (var segment in segments)
        {
            node = segment switch
            {
                Marker => node,
                _ when segment.StartsWith("f:", StringComparison.Ordinal) => (node as JsonObject)?[segment[2..]],
                _ => (node as JsonArray)?.FirstOrDefault(element => Matches(element, segment)),
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    private static void Remove(JsonObject root, IReadOnlyList<string> segments)
    {
        var owned = segments[^1] == Marker ? segments.Take(segments.Count - 1).ToList() : [.. segments];
        var parent = Find(root, owned.Take(owned.Count - 1).ToList());
        var last = owned[^1];
        if (last.StartsWith("f:", StringComparison.Ordinal))
        {
            (parent as JsonObject)?.Remove(last[2..]);
        }
        else if (parent is JsonArray list && list.FirstOrDefault(element => Matches(element, last)) is { } element)
        {
            list.Remove(element);
        }
    }

    private static bool Matches(JsonNode? element, string segment)
    {
        if (!segment.StartsWith("k:", StringComparison.Ordinal) || element is not JsonObject obj)
        {
            return false;
        }

        var key = JsonNode.Parse(segment[2..]) as JsonObject ?? [];
        return key.All(pair => JsonNode.DeepEquals(obj[pair.Key], pair.Value));
    }

    private static bool IsMarker(string path) => path.EndsWith(Separator + Marker, StringComparison.Ordinal);

    private static string Join(IEnumerable<string> segments) => string.Join(Separator, segments);

    private static IReadOnlyList<string> Segments(string path) => path.Split(Separator);

    // kube-apiserver's words: "Apply failed with 1 conflict: conflict with "kubectl-scale" using apps/v1: .spec.replicas".
    private static ApiStatusException Conflict(List<(string Manager, string Path)> conflicts, ResourceInfo resource)
    {
        static string Field(string path) => string.Concat(Segments(path).Where(s => s != Marker).Select(s => s.StartsWith("f:", StringComparison.Ordinal)
            ? "." + s[2..]
            : "[" + string.Join(",", (JsonNode.Parse(s[2..]) as JsonObject ?? []).Select(p => $"{p.Key}={p.Value?.ToJsonString()}")) + "]"));

        var lines = conflicts.Select(c => (c.Manager, Field: Field(c.Path))).ToList();
        var message = lines.Count == 1
            ? $"Apply failed with 1 conflict: conflict with \"{lines[0].Manager}\" using {resource.ApiVersion}: {lines[0].Field}"
            : $"Apply failed with {lines.Count} conflicts: " + string.Join("\n", lines.GroupBy(l => l.Manager).Select(g =>
                $"conflicts with \"{g.Key}\" using {resource.ApiVersion}:\n{string.Join("\n", g.Select(l => "- " + l.Field))}"));
        return new ApiStatusException(new ApiStatus(StatusCodes.Status409Conflict, nameof(ApiErrorReason.Conflict), message));
    }
}

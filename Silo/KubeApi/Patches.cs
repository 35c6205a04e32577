using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson;
using OrleansKube.Api;

namespace OrleansKube.Silo.KubeApi;

/// <summary>The patch types kube-apiserver accepts, by their content type.</summary>
internal enum PatchType
{
    Json,
    Merge,
    StrategicMerge,
    Apply,
}

/// <summary>
/// Applies a PATCH body to the JSON of the stored object: JSON patch (RFC 6902, through ASP.NET Core's JsonPatch), JSON
/// merge patch (RFC 7386), and Kubernetes' strategic merge patch, which merges the lists that have merge keys by key
/// (containers and env by name, ports by containerPort, ...) and honours <c>$patch: delete|replace</c> and
/// <c>$setElementOrder</c>. The result is then decoded and validated like any update.
/// </summary>
internal static class Patches
{
    public const string JsonPatchType = "application/json-patch+json";
    public const string MergePatchType = "application/merge-patch+json";
    public const string StrategicMergePatchType = "application/strategic-merge-patch+json";
    public const string ApplyPatchType = "application/apply-patch+yaml";

    // Kubernetes' patchMergeKey tags, by list field name; a list without one is replaced whole, as in Kubernetes.
    private static readonly Dictionary<string, string> MergeKeys = new()
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["env"] = "name",
        ["ports"] = "containerPort",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["volumes"] = "name",
        ["imagePullSecrets"] = "name",
        ["hostAliases"] = "ip",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
        ["topologySpreadConstraints"] = "topologyKey",
        ["resourceClaims"] = "name",
    };

    // Lists of strings Kubernetes merges as sets rather than replacing.
    private static readonly HashSet<string> MergedPrimitiveLists = ["finalizers"];

    /// <summary>The key a strategic merge matches the elements of list <paramref name="field"/> by; null for lists replaced whole.</summary>
    public static string? MergeKeyOf(string field) => MergeKeys.GetValueOrDefault(field);

    public static PatchType? TypeOf(string? contentType) => contentType?.Split(';')[0].Trim() switch
    {
        JsonPatchType => PatchType.Json,
        MergePatchType => PatchType.Merge,
        StrategicMergePatchType => PatchType.StrategicMerge,
        ApplyPatchType => PatchType.Apply,
        _ => null,
    };

    public static string Accepted => string.Join(", ", JsonPatchType, MergePatchType, StrategicMergePatchType, ApplyPatchType);

    /// <summary><paramref name="target"/> with <paramref name="patch"/> applied; the target is changed in place and returned.</summary>
    public static JsonObject Apply(PatchType type, JsonObject target, JsonNode patch) => type switch
    {
        PatchType.Json => ApplyJsonPatch(target, patch),
        PatchType.Merge => Merge(target, patch, strategic: false) as JsonObject ?? throw NotAnObject(),
        _ => Merge(target, patch, strategic: true) as JsonObject ?? throw NotAnObject(),
    };

    private static JsonObject ApplyJsonPatch(JsonObject target, JsonNode patch)
    {
        if (patch is not JsonArray)
        {
            throw new ApiException(ApiErrorReason.BadRequest, "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }

        JsonPatchDocument document;
        try
        {
            document = patch.Deserialize<JsonPatchDocument>() ?? throw new JsonException("empty patch");
        }
        catch (JsonException exception)
        {
            throw new ApiException(ApiErrorReason.BadRequest, $"the JSON patch is not valid: {exception.Message}");
        }

        string? failure = null;
        document.ApplyTo(target, error => failure ??= error.ErrorMessage);
        return failure is null
            ? target
            : throw new ApiException(ApiErrorReason.Invalid, $"the server rejected our request due to an error in our request: {failure}");
    }

    /// <summary>RFC 7386 merge of <paramref name="patch"/> into <paramref name="target"/>, and with <paramref name="strategic"/> Kubernetes' list merging.</summary>
    public static JsonNode? Merge(JsonNode? target, JsonNode? patch, bool strategic, string? field = null)
    {
        if (patch is not JsonObject patchObject)
        {
            if (strategic && patch is JsonArray patchList && target is JsonArray targetList && field is not null)
            {
                return MergeList(targetList, patchList, field);
            }

            return patch?.DeepClone();
        }

        if (strategic && patchObject["$patch"]?.GetValue<string>() == "replace")
        {
            var replacement = (JsonObject)patchObject.DeepClone();
            replacement.Remove("$patch");
            return replacement;
        }

        var result = target as JsonObject ?? new JsonObject();
        foreach (var (name, value) in patchObject.ToList())
        {
            if (strategic && name.StartsWith('$'))
            {
                continue; // directives: $setElementOrder/... only orders lists that merge by key anyway, $retainKeys is advisory here
            }

            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                var merged = Merge(result[name], value, strategic, name);
                result.Remove(name);
                result[name] = merged;
            }
        }

        return result;
    }

    private static JsonArray MergeList(JsonArray target, JsonArray patch, string field)
    {
        if (MergedPrimitiveLists.Contains(field))
        {
            var values = target.Select(n => n?.ToJsonString()).ToHashSet();
            var merged = new JsonArray([.. target.Select(n => n?.DeepClone())]);
            foreach (var item in patch.Where(item => values.Add(item?.ToJsonString())))
            {
                merged.Add(item?.DeepClone());
            }

            return merged;
        }

        if (!MergeKeys.TryGetValue(field, out var key) || patch.Any(item => item is not JsonObject))
        {
            return (JsonArray)patch.DeepClone();
        }

        var result = new JsonArray([.. target.Select(n => n?.DeepClone())]);
        foreach (var item in patch.OfType<JsonObject>())
        {
            var keyValue = item[key]?.ToJsonString();
            var existing = result.OfType<JsonObject>().FirstOrDefault(e => keyValue is not null && e[key]?.ToJsonString() == keyValue);
            var directive = item["$patch"]?.GetValue<string>();
            if (directive == "delete")
            {
                if (existing is not null)
                {
                    result.Remove(existing);
                }

                continue;
            }

            if (existing is null)
            {
                var added = (JsonObject)item.DeepClone();
                added.Remove("$patch");
                result.Add(added);
            }
            else
            {
                var index = result.IndexOf(existing);
                var merged = Merge(existing.DeepClone(), item, strategic: true);
                result[index] = merged;
            }
        }

        return result;
    }

    private static ApiException NotAnObject() => new(ApiErrorReason.BadRequest, "the patch must be a JSON object");
}

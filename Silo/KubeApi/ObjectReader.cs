using System.Text.Json.Nodes;
using OrleansKube.Api;
using OrleansKube.Kinds;
using OrleansKube.Kinds.Manifests;
using OrleansKube.Model;

namespace OrleansKube.Silo.KubeApi;

/// <summary>
/// Turns a request's JSON into an object of its kind, as kube-apiserver's decoder does: the body's apiVersion and kind
/// must be the endpoint's (they may be left out), and unknown or duplicate fields are refused, warned about or
/// dropped as <see cref="FieldValidation"/> says.
/// </summary>
internal static class ObjectReader
{
    public static IKubeObject Read(
        KindDescriptor kind, JsonObject node, FieldValidation validation, IReadOnlyList<string> duplicates, HttpResponse response)
    {
        var resource = kind.Resource;
        CheckTypeMeta(node, "apiVersion", resource.ApiVersion, $"the API version in the data ({{0}}) does not match the expected API version ({resource.ApiVersion})");
        CheckTypeMeta(node, "kind", resource.Kind, $"the kind in the data ({{0}}) does not match the expected kind ({resource.Kind})");

        var errors = new List<FieldError>();
        var unknown = validation == FieldValidation.Strict ? null : new List<FieldError>();
        var obj = ObjectDecoder.Decode(node, kind.ModelType, errors, unknown) as IKubeObject;
        var strictErrors = errors.Where(e => e.Type == FieldErrorType.Unknown).Select(e => $"unknown field \"{e.Field}\"")
            .Concat(validation == FieldValidation.Strict ? duplicates.Select(d => $"duplicate field \"{d}\"") : [])
            .ToList();
        var cannotHandle = $"{resource.Kind} in version \"{resource.Version}\" cannot be handled as a {resource.Kind}";
        if (strictErrors.Count > 0)
        {
            throw new ApiException(ApiErrorReason.BadRequest, $"{cannotHandle}: strict decoding error: {string.Join(", ", strictErrors)}");
        }

        var otherErrors = errors.Where(e => e.Type != FieldErrorType.Unknown).ToList();
        if (otherErrors.Count > 0 || obj is null)
        {
            throw new ApiException(ApiErrorReason.BadRequest, $"{cannotHandle}: {string.Join("; ", otherErrors)}");
        }

        if (validation == FieldValidation.Warn)
        {
            foreach (var warning in (unknown ?? []).Select(e => $"unknown field \"{e.Field}\"").Concat(duplicates.Select(d => $"duplicate field \"{d}\"")))
            {
                Warn(response, warning);
            }
        }

        return obj;
    }

    /// <summary>Adds a <c>Warning</c> header, which kubectl prints as <c>Warning: ...</c>.</summary>
    public static void Warn(HttpResponse response, string text) =>
        response.Headers.Append("Warning", $"299 - \"{text.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"");

    private static void CheckTypeMeta(JsonObject node, string field, string expected, string mismatch)
    {
        switch (node[field])
        {
            case null:
                node[field] = expected;
                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && text == expected:
                break;
            case var other:
                throw new ApiException(ApiErrorReason.BadRequest, string.Format(System.Globalization.CultureInfo.InvariantCulture, mismatch, ObjectDecoder.Render(other).Trim('"')));
        }
    }
}

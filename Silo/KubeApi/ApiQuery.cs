using System.Globalization;
using OrleansKube.Api;

namespace OrleansKube.Silo.KubeApi;

/// <summary>What unknown and duplicate fields in a body get, as the <c>fieldValidation</c> parameter asks.</summary>
internal enum FieldValidation
{
    /// <summary>Refused with 400 (<c>strict decoding error: unknown field "spec.foo"</c>).</summary>
    Strict,

    /// <summary>Dropped, each named in a <c>Warning</c> header; kube-apiserver's default.</summary>
    Warn,

    /// <summary>Dropped silently.</summary>
    Ignore,
}

/// <summary>Reads the query parameters of the Kubernetes API, refusing bad values as kube-apiserver does (400, naming the parameter).</summary>
internal static class ApiQuery
{
    public static string? Text(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    public static bool Flag(HttpRequest request, string name) => Text(request, name) switch
    {
        null or "0" or "false" or "False" => false,
        "1" or "true" or "True" => true,
        var other => throw Invalid(name, other, "must be a boolean"),
    };

    public static int? Integer(HttpRequest request, string name, int minimum = 0)
    {
        var text = Text(request, name);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? (int)Math.Min(value, int.MaxValue)
            : throw Invalid(name, text, minimum == 0 ? "must be a non-negative integer" : $"must be an integer of at least {minimum}");
    }

    public static FieldValidation FieldValidation(HttpRequest request) => Text(request, "fieldValidation") switch
    {
        null or "Warn" => KubeApi.FieldValidation.Warn,
        "Strict" => KubeApi.FieldValidation.Strict,
        "Ignore" => KubeApi.FieldValidation.Ignore,
        var other => throw Invalid("fieldValidation", other, "supported values: \"Ignore\", \"Strict\", \"Warn\""),
    };

    /// <summary>Whether the call only checks (<c>dryRun=All</c>), storing nothing.</summary>
    public static bool DryRun(HttpRequest request) => Text(request, "dryRun") switch
    {
        null => false,
        "All" => true,
        var other => throw Invalid("dryRun", other, "supported values: \"All\""),
    };

    public static ApiException Invalid(string name, string value, string detail) =>
        new(ApiErrorReason.BadRequest, $"{name}: Invalid value: \"{value}\": {detail}");
}

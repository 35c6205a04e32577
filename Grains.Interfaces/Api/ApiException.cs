using System.Collections.Immutable;

namespace OrleansKube.Api;

/// <summary>Why an API call failed, as Kubernetes' <c>StatusReason</c>.</summary>
public enum ApiErrorReason
{
    BadRequest,
    NotFound,
    AlreadyExists,
    Conflict,
    Invalid,
    Forbidden,

    /// <summary>A watch asked for a version the server no longer has; list again.</summary>
    Expired,

    /// <summary>The part of the cluster that serves the request cannot be reached now (a node's kubelet, storage); try again.</summary>
    ServiceUnavailable,
}

/// <summary>An API call refused by the cluster. The message names the object and, for invalid objects, each field.</summary>
[GenerateSerializer, Alias("okube.ApiException")]
public sealed class ApiException : Exception
{
    public ApiException(ApiErrorReason reason, string message, ImmutableList<FieldError>? causes = null)
        : base(message)
    {
        Reason = reason;
        Causes = causes ?? [];
    }

    [Id(0)] public ApiErrorReason Reason { get; private set; }
    [Id(1)] public ImmutableList<FieldError> Causes { get; private set; }

    public static ApiException NotFound(ResourceInfo resource, string name) =>
        new(ApiErrorReason.NotFound, $"{resource.QualifiedPlural} \"{name}\" not found");

    public static ApiException AlreadyExists(ResourceInfo resource, string name) =>
        new(ApiErrorReason.AlreadyExists, $"{resource.QualifiedPlural} \"{name}\" already exists");

    public static ApiException Conflict(ResourceInfo resource, string name, string detail) =>
        new(ApiErrorReason.Conflict, $"Operation cannot be fulfilled on {resource.QualifiedPlural} \"{name}\": {detail}");

    public static ApiException StaleVersion(ResourceInfo resource, string name) =>
        Conflict(resource, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiException Forbidden(ResourceInfo resource, string name, string detail) =>
        new(ApiErrorReason.Forbidden, $"{resource.QualifiedPlural} \"{name}\" is forbidden: {detail}");

    /// <summary>A call the cluster's storage failed, after its retries; the storage's message names the grain.</summary>
    public static ApiException StorageUnavailable(StorageUnavailableException failure) =>
        new(ApiErrorReason.ServiceUnavailable, $"the cluster's storage is unavailable, try again later: {failure.Message}");

    /// <summary>An object that failed validation: one line per field error, each naming the object.</summary>
    public static ApiException Invalid(string kind, string? name, IReadOnlyCollection<FieldError> errors) =>
        new(ApiErrorReason.Invalid, FormatInvalid(kind, name, errors), [.. errors]);

    public static string FormatInvalid(string kind, string? name, IEnumerable<FieldError> errors)
    {
        var subject = string.IsNullOrEmpty(name) ? kind : $"{kind} \"{name}\"";
        return string.Join(Environment.NewLine, errors.Select(error => $"{subject}: {error}"));
    }
}

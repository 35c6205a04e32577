using System.Text.Json.Nodes;
using OrleansKube.Api;

namespace OrleansKube.Silo.KubeApi;

/// <summary>
/// Kubernetes' <c>metav1.Status</c>: how every error leaves the API, with the HTTP code, reason and message kubectl
/// knows (<c>pods "x" not found</c>, 404 NotFound), and for invalid objects a cause per field.
/// </summary>
internal sealed record ApiStatus(int Code, string Reason, string Message)
{
    /// <summary>The object the status is about, for <c>details</c>.</summary>
    public (string? Name, string? Group, string? Kind)? Details { get; init; }

    public IReadOnlyList<FieldError> Causes { get; init; } = [];

    /// <summary>
    /// The status of a refused call about <paramref name="name"/> of <paramref name="resource"/>, with the code Kubernetes
    /// gives its reason. An invalid object is worded as kube-apiserver's <c>NewInvalid</c>:
    /// <c>Deployment.apps "web" is invalid: spec.replicas: Invalid value: -4: must be greater than or equal to 0</c>.
    /// </summary>
    public static ApiStatus From(ApiException exception, ResourceInfo? resource = null, string? name = null)
    {
        if (exception.Reason == ApiErrorReason.Invalid && resource is not null && exception.Causes.Count > 0)
        {
            var qualifiedKind = resource.Group.Length == 0 ? resource.Kind : $"{resource.Kind}.{resource.Group}";
            var errors = exception.Causes.Count == 1 ? exception.Causes[0].ToString() : $"[{string.Join(", ", exception.Causes)}]";
            return new(StatusCodes.Status422UnprocessableEntity, nameof(ApiErrorReason.Invalid), $"{qualifiedKind} \"{name}\" is invalid: {errors}")
            {
                Details = (name, resource.Group, resource.Kind),
                Causes = exception.Causes,
            };
        }

        // kubectl words an Invalid status with details from its causes alone; one without causes keeps its message.
        var details = resource is null || (exception.Reason == ApiErrorReason.Invalid && exception.Causes.Count == 0)
            ? ((string?, string?, string?)?)null
            : (name, resource.Group, resource.Plural);
        return new(CodeOf(exception.Reason), exception.Reason.ToString(), exception.Message)
        {
            Details = details,
            Causes = exception.Causes,
        };
    }

    public static ApiStatus NotFound(string message) => new(StatusCodes.Status404NotFound, "NotFound", message);

    /// <summary>A path or subresource this API does not serve, in kube-apiserver's words.</summary>
    public static ApiStatus NoSuchResource() => NotFound("the server could not find the requested resource");

    /// <summary>A verb the resource does not take, in kube-apiserver's words.</summary>
    public static ApiStatus VerbNotAllowed() => MethodNotAllowed("the server does not allow this method on the requested resource");

    public static ApiStatus BadRequest(string message) => new(StatusCodes.Status400BadRequest, "BadRequest", message);

    public static ApiStatus MethodNotAllowed(string message) => new(StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", message);

    public static ApiStatus UnsupportedMediaType(string contentType) =>
        new(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: {contentType}");

    public static ApiStatus NotAcceptable(string accepted) =>
        new(StatusCodes.Status406NotAcceptable, "NotAcceptable", $"the server was unable to respond with a content type that the client supports (accepted: {accepted})");

    public static ApiStatus TooLarge(long limit) =>
        new(StatusCodes.Status413RequestEntityTooLarge, "RequestEntityTooLarge", $"the request is too large: limit is {limit} bytes");

    public static ApiStatus Internal(string message) => new(StatusCodes.Status500InternalServerError, "InternalError", message);

    public static ApiStatus Unavailable(string message) => new(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable", message);

    /// <summary>The <c>Success</c> status a delete answers with when it has no object to return.</summary>
    public static JsonObject Success(ResourceInfo resource, string name, string? uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = DetailsNode(name, resource.Group, resource.Plural, [], uid),
    };

    public static int CodeOf(ApiErrorReason reason) => reason switch
    {
        ApiErrorReason.BadRequest => StatusCodes.Status400BadRequest,
        ApiErrorReason.NotFound => StatusCodes.Status404NotFound,
        ApiErrorReason.AlreadyExists or ApiErrorReason.Conflict => StatusCodes.Status409Conflict,
        ApiErrorReason.Invalid => StatusCodes.Status422UnprocessableEntity,
        ApiErrorReason.Forbidden => StatusCodes.Status403Forbidden,
        ApiErrorReason.Expired => StatusCodes.Status410Gone,
        ApiErrorReason.ServiceUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public JsonObject ToJson()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (Details is { } d || Causes.Count > 0)
        {
            status["details"] = DetailsNode(Details?.Name, Details?.Group, Details?.Kind, Causes);
        }

        status["code"] = Code;
        return status;
    }

    public Task WriteAsync(HttpResponse response) => KubeResponses.WriteJsonAsync(response, ToJson(), Code);

    private static JsonObject DetailsNode(string? name, string? group, string? kind, IReadOnlyList<FieldError> causes, string? uid = null)
    {
        var details = new JsonObject();
        if (!string.IsNullOrEmpty(name))
        {
            details["name"] = name;
        }

        if (!string.IsNullOrEmpty(group))
        {
            details["group"] = group;
        }

        if (!string.IsNullOrEmpty(kind))
        {
            details["kind"] = kind;
        }

        if (!string.IsNullOrEmpty(uid))
        {
            details["uid"] = uid;
        }

        if (causes.Count > 0)
        {
            details["causes"] = new JsonArray([.. causes.Select(Cause)]);
        }

        return details;
    }

    // kubectl prints each cause as "field: message", so the message leaves out the field.
    private static JsonObject Cause(FieldError error) => new()
    {
        ["reason"] = error.Type switch
        {
            FieldErrorType.Required => "FieldValueRequired",
            FieldErrorType.Duplicate => "FieldValueDuplicate",
            FieldErrorType.NotSupported => "FieldValueNotSupported",
            FieldErrorType.Forbidden => "FieldValueForbidden",
            FieldErrorType.TooLong => "FieldValueTooLong",
            FieldErrorType.Unknown => "FieldValueNotFound",
            _ => "FieldValueInvalid",
        },
        ["message"] = (error with { Field = "" }).ToString(),
        ["field"] = error.Field,
    };
}


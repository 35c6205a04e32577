namespace OrleansKube.Api;

/// <summary>The kind of a field error, worded as Kubernetes words them.</summary>
public enum FieldErrorType
{
    Required,
    Invalid,
    Duplicate,
    NotSupported,
    Forbidden,
    TooLong,
    Unknown,
}

/// <summary>One problem with one field of an object, such as <c>spec.replicas: Invalid value: -1: must be greater than or equal to 0</c>.</summary>
[GenerateSerializer, Immutable, Alias("okube.FieldError")]
public sealed record FieldError
{
    /// <summary>The field path, such as <c>spec.template.spec.containers[0].name</c>.</summary>
    [Id(0)] public string Field { get; init; } = "";
    [Id(1)] public FieldErrorType Type { get; init; }

    /// <summary>The offending value as Kubernetes prints it (strings quoted), or null.</summary>
    [Id(2)] public string? Value { get; init; }
    [Id(3)] public string? Detail { get; init; }

    public override string ToString()
    {
        var text = Type switch
        {
            FieldErrorType.Required => "Required value",
            FieldErrorType.Invalid => $"Invalid value: {Value}",
            FieldErrorType.Duplicate => $"Duplicate value: {Value}",
            FieldErrorType.NotSupported => $"Unsupported value: {Value}",
            FieldErrorType.Forbidden => "Forbidden",
            FieldErrorType.TooLong => "Too long",
            FieldErrorType.Unknown => $"unknown field {Value}",
            _ => Type.ToString(),
        };
        var prefix = Field.Length == 0 ? "" : Field + ": ";
        return Detail is null ? prefix + text : $"{prefix}{text}: {Detail}";
    }
}

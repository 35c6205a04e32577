using System.Collections.Immutable;
using OrleansKube.Api;

namespace OrleansKube.Kinds.Validation;

/// <summary>Collects field errors with Kubernetes' constructors (<c>field.Required</c>, <c>field.Invalid</c>, ...).</summary>
public sealed class ErrorList
{
    public const string NegativeMessage = "must be greater than or equal to 0";
    public const string ImmutableMessage = "field is immutable";

    private readonly ImmutableList<FieldError>.Builder _errors = ImmutableList.CreateBuilder<FieldError>();

    public int Count => _errors.Count;

    public ImmutableList<FieldError> ToImmutable() => _errors.ToImmutable();

    public void Required(FieldPath path, string? detail = null) =>
        Add(path, FieldErrorType.Required, null, detail);

    public void Invalid(FieldPath path, FieldValue value, string detail) =>
        Add(path, FieldErrorType.Invalid, value.Rendered, detail);

    /// <summary>One error per message, as Kubernetes reports each broken naming rule separately.</summary>
    public void Invalid(FieldPath path, FieldValue value, IEnumerable<string> details)
    {
        foreach (var detail in details)
        {
            Invalid(path, value, detail);
        }
    }

    public void Duplicate(FieldPath path, FieldValue value, string? detail = null) =>
        Add(path, FieldErrorType.Duplicate, value.Rendered, detail);

    public void NotSupported(FieldPath path, FieldValue value, params string[] supported) =>
        Add(path, FieldErrorType.NotSupported, value.Rendered,
            "supported values: " + string.Join(", ", supported.Select(FieldValue.Quote)));

    public void Forbidden(FieldPath path, string detail) =>
        Add(path, FieldErrorType.Forbidden, null, detail);

    public void TooLong(FieldPath path, string detail) =>
        Add(path, FieldErrorType.TooLong, null, detail);

    public void NonNegative(FieldPath path, long? value)
    {
        if (value < 0)
        {
            Invalid(path, value.Value, NegativeMessage);
        }
    }

    public void AtLeast(FieldPath path, long? value, long minimum)
    {
        if (value < minimum)
        {
            Invalid(path, value.Value, $"must be greater than or equal to {minimum}");
        }
    }

    /// <summary>Reports <paramref name="value"/> unless it is one of <paramref name="supported"/>; null means "not set".</summary>
    public void OneOf(FieldPath path, string? value, params string[] supported)
    {
        if (value is not null && !supported.Contains(value, StringComparer.Ordinal))
        {
            NotSupported(path, value, supported);
        }
    }

    public void Immutable(FieldPath path, FieldValue value) => Invalid(path, value, ImmutableMessage);

    private void Add(FieldPath path, FieldErrorType type, string? value, string? detail) =>
        _errors.Add(new FieldError { Field = path.Text, Type = type, Value = value, Detail = detail });
}

using System.Collections.Immutable;
using OrleansKube.Api;
using OrleansKube.Model;

namespace OrleansKube.Kinds.Validation;

/// <summary>
/// Checks objects the way the Kubernetes API server does before it stores them, with the same field paths and wording,
/// so <c>okube</c> and kubectl users see the errors they know. Metadata is checked here for every kind; the rest by
/// the kind's <see cref="KindDescriptor"/>.
/// </summary>
public static class ObjectValidator
{
    /// <summary>Every problem with <paramref name="obj"/>, which should already have its defaults (<see cref="ObjectDefaults"/>).</summary>
    public static ImmutableList<FieldError> Validate(IKubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var kind = KindRegistry.For(obj);
        var errors = new ErrorList();
        MetadataValidation.Validate(obj.Metadata, kind.Resource.Namespaced, kind.ValidateName, errors);
        kind.Validate(obj, errors);
        return errors.ToImmutable();
    }

    /// <summary>
    /// The changes from <paramref name="stored"/> to <paramref name="updated"/> that are not allowed: identity for every
    /// kind, and what the kind keeps fixed (a deployment's selector, anything of a pod's spec but its images).
    /// <see cref="Validate"/> checks the rest.
    /// </summary>
    public static ImmutableList<FieldError> ValidateUpdate(IKubeObject stored, IKubeObject updated)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(updated);
        var errors = new ErrorList();
        UpdateValidation.ValidateMetadata(stored.Metadata, updated.Metadata, errors);
        KindRegistry.For(stored).ValidateUpdate(stored, updated, errors);
        return errors.ToImmutable();
    }
}

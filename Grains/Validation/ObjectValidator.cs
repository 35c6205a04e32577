using System.Collections.Immutable;
using OrleansKube.Api;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;

namespace OrleansKube.Validation;

/// <summary>
/// Checks objects the way the Kubernetes API server does before it stores them, with the same field paths and wording,
/// so <c>okube</c> users see the errors they know from <c>kubectl</c>.
/// </summary>
public static class ObjectValidator
{
    /// <summary>Every problem with <paramref name="obj"/>, which should already have its defaults (<see cref="ObjectDefaults"/>).</summary>
    public static ImmutableList<FieldError> Validate(IKubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var errors = new ErrorList();
        var namespaced = Resources.ForKind(obj.Kind)?.Namespaced ?? obj is Pod or Deployment;
        Func<string, IReadOnlyList<string>> nameRule = obj is Namespace ? NameRules.IsDns1123Label : NameRules.IsDns1123Subdomain;
        MetadataValidation.Validate(obj.Metadata, namespaced, nameRule, errors);
        switch (obj)
        {
            case Pod pod:
                PodSpecValidation.Validate(pod.Spec, FieldPath.Root.Child("spec"), errors);
                break;
            case Deployment deployment:
                DeploymentValidation.Validate(deployment, errors);
                break;
            case Node node:
                NodeValidation.Validate(node, errors);
                break;
            case Namespace @namespace:
                NodeValidation.Validate(@namespace, errors);
                break;
        }

        return errors.ToImmutable();
    }

    /// <summary>
    /// The changes from <paramref name="stored"/> to <paramref name="updated"/> that are not allowed: identity,
    /// a deployment's selector, and anything of a pod's spec but its images. <see cref="Validate"/> checks the rest.
    /// </summary>
    public static ImmutableList<FieldError> ValidateUpdate(IKubeObject stored, IKubeObject updated)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(updated);
        var errors = new ErrorList();
        UpdateValidation.ValidateMetadata(stored.Metadata, updated.Metadata, errors);
        switch (stored, updated)
        {
            case (Deployment old, Deployment @new):
                UpdateValidation.ValidateDeployment(old, @new, errors);
                break;
            case (Pod old, Pod @new):
                UpdateValidation.ValidatePod(old, @new, errors);
                break;
        }

        return errors.ToImmutable();
    }
}

using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Pods;
using OrleansKube.Serialization;

namespace OrleansKube.Kinds.Validation;

/// <summary>Kubernetes' update rules: what may not change once an object exists.</summary>
public static class UpdateValidation
{
    private static readonly FieldPath Metadata = FieldPath.Root.Child("metadata");

    public static void ValidateMetadata(ObjectMeta stored, ObjectMeta updated, ErrorList errors)
    {
        Unchanged(stored.Name, updated.Name, Metadata.Child("name"), errors);
        Unchanged(stored.Namespace, updated.Namespace, Metadata.Child("namespace"), errors);

        // An update that leaves the uid out means "the object I am updating", as in Kubernetes.
        if (!string.IsNullOrEmpty(updated.Uid))
        {
            Unchanged(stored.Uid, updated.Uid, Metadata.Child("uid"), errors);
        }
    }

    public static void ValidateDeployment(Deployment stored, Deployment updated, ErrorList errors)
    {
        if (!KubeJson.SameJson(stored.Spec.Selector, updated.Spec.Selector))
        {
            // Pods already created would be orphaned or adopted by surprise.
            errors.Immutable(FieldPath.Root.Child("spec", "selector"), LabelSelectorValidation.Render(updated.Spec.Selector));
        }
    }

    public static void ValidatePod(Pod stored, Pod updated, ErrorList errors)
    {
        var spec = FieldPath.Root.Child("spec");
        if (stored.Spec.Containers.Count != updated.Spec.Containers.Count)
        {
            errors.Forbidden(spec.Child("containers"), "pod updates may not add or remove containers");
            return;
        }

        // A manifest applied again does not carry the node the scheduler chose; that is not a change.
        var updatedSpec = string.IsNullOrEmpty(updated.Spec.NodeName) ? updated.Spec with { NodeName = stored.Spec.NodeName } : updated.Spec;
        if (!KubeJson.SameJson(WithoutImages(stored.Spec), WithoutImages(updatedSpec)))
        {
            errors.Forbidden(spec, "pod updates may not change fields other than `spec.containers[*].image`");
        }
    }

    private static PodSpec WithoutImages(PodSpec spec) =>
        spec with { Containers = [.. spec.Containers.Select(container => container with { Image = null })] };

    private static void Unchanged(string? stored, string? updated, FieldPath path, ErrorList errors)
    {
        if ((stored ?? "") != (updated ?? ""))
        {
            errors.Immutable(path, updated ?? "");
        }
    }
}

using OrleansKube.Kinds.Validation;
using OrleansKube.Model;
using OrleansKube.Model.Namespaces;

namespace OrleansKube.Kinds.Namespaces;

/// <summary>Kubernetes' <c>ValidateNamespace</c> for the fields this cluster supports.</summary>
public static class NamespaceValidation
{
    private static readonly string[] StandardFinalizers = ["kubernetes", "orphan", "foregroundDeletion"];

    public static void Validate(Namespace @namespace, ErrorList errors)
    {
        var path = FieldPath.Root.Child("spec", "finalizers");
        foreach (var finalizer in @namespace.Spec?.Finalizers ?? [])
        {
            errors.Invalid(path, finalizer, NameRules.IsQualifiedName(finalizer));
            if (!finalizer.Contains('/') && !StandardFinalizers.Contains(finalizer))
            {
                errors.Invalid(path, finalizer, "name is neither a standard finalizer name nor is it fully qualified");
            }
        }
    }
}

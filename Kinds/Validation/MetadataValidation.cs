using System.Text;
using OrleansKube.Model;

namespace OrleansKube.Kinds.Validation;

/// <summary>Kubernetes' <c>ValidateObjectMeta</c>: names, namespace, labels, annotations and owner references.</summary>
public static class MetadataValidation
{
    /// <summary>Labels and annotations together may not exceed this, so objects stay small enough to store and watch.</summary>
    public const int TotalAnnotationSizeLimit = 256 * 1024;

    private static readonly FieldPath Metadata = FieldPath.Root.Child("metadata");

    /// <summary>Validates <paramref name="meta"/> of an object whose name must satisfy <paramref name="nameRule"/>.</summary>
    public static void Validate(ObjectMeta meta, bool namespaced, Func<string, IReadOnlyList<string>> nameRule, ErrorList errors)
    {
        if (!string.IsNullOrEmpty(meta.GenerateName))
        {
            // A prefix may end in '-': the generated suffix makes the final name valid.
            var prefix = meta.GenerateName.EndsWith('-') ? meta.GenerateName[..^1] + "a" : meta.GenerateName;
            errors.Invalid(Metadata.Child("generateName"), meta.GenerateName, nameRule(prefix));
        }

        if (!string.IsNullOrEmpty(meta.Name))
        {
            errors.Invalid(Metadata.Child("name"), meta.Name, nameRule(meta.Name));
        }
        else if (string.IsNullOrEmpty(meta.GenerateName))
        {
            errors.Required(Metadata.Child("name"), "name or generateName is required");
        }

        ValidateNamespace(meta.Namespace, namespaced, errors);
        errors.NonNegative(Metadata.Child("generation"), meta.Generation);
        ValidateLabels(meta.Labels, Metadata.Child("labels"), errors);
        ValidateAnnotations(meta.Annotations, Metadata.Child("annotations"), errors);
        ValidateOwnerReferences(meta, errors);
    }

    /// <summary>Every key a qualified name and every value a valid label value, reported at the map itself as Kubernetes does.</summary>
    public static void ValidateLabels(IReadOnlyDictionary<string, string> labels, FieldPath path, ErrorList errors)
    {
        foreach (var (key, value) in labels)
        {
            errors.Invalid(path, key, NameRules.IsQualifiedName(key));
            errors.Invalid(path, value, NameRules.IsValidLabelValue(value));
        }
    }

    public static void ValidateAnnotations(IReadOnlyDictionary<string, string> annotations, FieldPath path, ErrorList errors)
    {
        var size = 0L;
        foreach (var (key, value) in annotations)
        {
            // Annotation keys are qualified names in any case.
            errors.Invalid(path, key, NameRules.IsQualifiedName(key.ToLowerInvariant()));
            size += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
        }

        if (size > TotalAnnotationSizeLimit)
        {
            errors.TooLong(path, $"may not be more than {TotalAnnotationSizeLimit} bytes");
        }
    }

    private static void ValidateNamespace(string? @namespace, bool namespaced, ErrorList errors)
    {
        var path = Metadata.Child("namespace");
        if (!namespaced)
        {
            if (!string.IsNullOrEmpty(@namespace))
            {
                errors.Forbidden(path, "not allowed on this type");
            }
        }
        else if (string.IsNullOrEmpty(@namespace))
        {
            errors.Required(path);
        }
        else
        {
            errors.Invalid(path, @namespace, NameRules.IsDns1123Label(@namespace));
        }
    }

    private static void ValidateOwnerReferences(ObjectMeta meta, ErrorList errors)
    {
        string? controller = null;
        for (var i = 0; i < meta.OwnerReferences.Count; i++)
        {
            var reference = meta.OwnerReferences[i];
            var path = Metadata.Child("ownerReferences").Index(i);
            var version = reference.ApiVersion[(reference.ApiVersion.LastIndexOf('/') + 1)..];
            if (version.Length == 0)
            {
                errors.Invalid(path.Child("apiVersion"), reference.ApiVersion, "version must not be empty");
            }

            if (reference.Kind.Length == 0)
            {
                errors.Invalid(path.Child("kind"), reference.Kind, "kind must not be empty");
            }

            if (reference.Name.Length == 0)
            {
                errors.Invalid(path.Child("name"), reference.Name, "name must not be empty");
            }

            if (reference.Uid.Length == 0)
            {
                errors.Invalid(path.Child("uid"), reference.Uid, "uid must not be empty");
            }

            if (reference.Controller == true)
            {
                var current = $"{reference.Kind}/{reference.Name}";
                if (controller is null)
                {
                    controller = current;
                }
                else
                {
                    errors.Invalid(path.Child("controller"), FieldValue.Raw("true"),
                        $"Only one reference can have Controller set to true. Found \"true\" in references for {controller} and {current}");
                }
            }
        }
    }
}

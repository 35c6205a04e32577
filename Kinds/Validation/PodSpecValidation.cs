using OrleansKube.Model;
using OrleansKube.Model.Pods;

namespace OrleansKube.Kinds.Validation;

/// <summary>Kubernetes' <c>ValidatePodSpec</c> for the fields this cluster supports; used for pods and pod templates.</summary>
public static class PodSpecValidation
{
    public const string RestartAlways = "Always";
    public const string RestartOnFailure = "OnFailure";
    public const string RestartNever = "Never";

    public const string TolerationEqual = "Equal";
    public const string TolerationExists = "Exists";

    public const string NoSchedule = "NoSchedule";
    public const string PreferNoSchedule = "PreferNoSchedule";
    public const string NoExecute = "NoExecute";

    public static void Validate(PodSpec spec, FieldPath path, ErrorList errors)
    {
        ValidateContainers(spec.Containers, path.Child("containers"), errors);
        if (spec.RestartPolicy is not null)
        {
            if (spec.RestartPolicy.Length == 0)
            {
                errors.Required(path.Child("restartPolicy"));
            }
            else
            {
                errors.OneOf(path.Child("restartPolicy"), spec.RestartPolicy, RestartAlways, RestartOnFailure, RestartNever);
            }
        }

        MetadataValidation.ValidateLabels(spec.NodeSelector, path.Child("nodeSelector"), errors);
        if (!string.IsNullOrEmpty(spec.NodeName))
        {
            errors.Invalid(path.Child("nodeName"), spec.NodeName, NameRules.IsDns1123Subdomain(spec.NodeName));
        }

        ValidateTolerations(spec.Tolerations, path.Child("tolerations"), errors);
        errors.NonNegative(path.Child("terminationGracePeriodSeconds"), spec.TerminationGracePeriodSeconds);
    }

    /// <summary>A taint effect; <paramref name="allowEmpty"/> for tolerations, where empty means every effect.</summary>
    public static void ValidateTaintEffect(string? effect, bool allowEmpty, FieldPath path, ErrorList errors)
    {
        if (string.IsNullOrEmpty(effect))
        {
            if (!allowEmpty)
            {
                errors.Required(path);
            }

            return;
        }

        errors.OneOf(path, effect, NoSchedule, PreferNoSchedule, NoExecute);
    }

    private static void ValidateContainers(IReadOnlyList<Container> containers, FieldPath path, ErrorList errors)
    {
        if (containers.Count == 0)
        {
            errors.Required(path);
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var hostPorts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i];
            var itemPath = path.Index(i);
            var namePath = itemPath.Child("name");
            if (string.IsNullOrEmpty(container.Name))
            {
                errors.Required(namePath);
            }
            else
            {
                var nameErrors = NameRules.IsDns1123Label(container.Name);
                errors.Invalid(namePath, container.Name, nameErrors);
                if (nameErrors.Count == 0 && !names.Add(container.Name))
                {
                    errors.Duplicate(namePath, container.Name);
                }
            }

            ContainerValidation.Validate(container, itemPath, errors);

            // Two containers of one pod cannot bind the same port of the node.
            for (var p = 0; p < container.Ports.Count; p++)
            {
                var port = container.Ports[p];
                if (port.HostPort is { } hostPort and not 0 && !hostPorts.Add($"{port.Protocol}/{hostPort}"))
                {
                    errors.Duplicate(itemPath.Child("ports").Index(p).Child("hostPort"), $"{port.Protocol}/{hostPort}");
                }
            }
        }
    }

    private static void ValidateTolerations(IReadOnlyList<Toleration> tolerations, FieldPath path, ErrorList errors)
    {
        for (var i = 0; i < tolerations.Count; i++)
        {
            var toleration = tolerations[i];
            var itemPath = path.Index(i);
            var key = toleration.Key ?? "";
            var op = toleration.Operator ?? "";
            if (key.Length > 0)
            {
                errors.Invalid(itemPath.Child("key"), key, NameRules.IsQualifiedName(key));
            }
            else if (op != TolerationExists)
            {
                errors.Invalid(itemPath.Child("operator"), op,
                    "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
            }

            if (toleration.TolerationSeconds is not null && toleration.Effect != NoExecute)
            {
                errors.Invalid(itemPath.Child("effect"), toleration.Effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set");
            }

            var value = toleration.Value ?? "";
            switch (op)
            {
                case TolerationEqual or "":
                    var valueErrors = NameRules.IsValidLabelValue(value);
                    if (valueErrors.Count > 0)
                    {
                        errors.Invalid(itemPath.Child("value"), value, string.Join(";", valueErrors));
                    }

                    break;
                case TolerationExists:
                    if (value.Length > 0)
                    {
                        errors.Invalid(itemPath.Child("value"), value, "value must be empty when `operator` is 'Exists'");
                    }

                    break;
                default:
                    errors.NotSupported(itemPath.Child("operator"), op, TolerationEqual, TolerationExists);
                    break;
            }

            ValidateTaintEffect(toleration.Effect, allowEmpty: true, itemPath.Child("effect"), errors);
        }
    }
}

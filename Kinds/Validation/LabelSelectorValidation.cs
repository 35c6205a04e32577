using OrleansKube.Model;
using OrleansKube.Serialization;

namespace OrleansKube.Kinds.Validation;

/// <summary>Kubernetes' <c>ValidateLabelSelector</c>: valid labels, known operators and the values each operator needs.</summary>
public static class LabelSelectorValidation
{
    public static void Validate(LabelSelector selector, FieldPath path, ErrorList errors)
    {
        MetadataValidation.ValidateLabels(selector.MatchLabels, path.Child("matchLabels"), errors);
        for (var i = 0; i < selector.MatchExpressions.Count; i++)
        {
            var requirement = selector.MatchExpressions[i];
            var itemPath = path.Child("matchExpressions").Index(i);
            switch (requirement.Operator)
            {
                case LabelSelectorRequirement.In or LabelSelectorRequirement.NotIn:
                    if (requirement.Values.Count == 0)
                    {
                        errors.Required(itemPath.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
                    }

                    break;
                case LabelSelectorRequirement.Exists or LabelSelectorRequirement.DoesNotExist:
                    if (requirement.Values.Count > 0)
                    {
                        errors.Forbidden(itemPath.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                    }

                    break;
                default:
                    errors.Invalid(itemPath.Child("operator"), requirement.Operator, "not a valid selector operator");
                    break;
            }

            errors.Invalid(itemPath.Child("key"), requirement.Key, NameRules.IsQualifiedName(requirement.Key));
            for (var v = 0; v < requirement.Values.Count; v++)
            {
                errors.Invalid(itemPath.Child("values").Index(v), requirement.Values[v], NameRules.IsValidLabelValue(requirement.Values[v]));
            }
        }
    }

    /// <summary>How a selector is shown as a bad value: its JSON, since it has no Kubernetes string form that keeps every part.</summary>
    public static FieldValue Render(LabelSelector? selector) =>
        selector is null ? FieldValue.Raw("null") : FieldValue.Raw(KubeJson.Serialize(selector));
}

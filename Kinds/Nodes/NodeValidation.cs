using OrleansKube.Kinds.Validation;
using OrleansKube.Model;
using OrleansKube.Model.Nodes;

namespace OrleansKube.Kinds.Nodes;

/// <summary>Kubernetes' <c>ValidateNode</c> for the fields this cluster supports.</summary>
public static class NodeValidation
{
    public static void Validate(Node node, ErrorList errors)
    {
        var taintsPath = FieldPath.Root.Child("spec", "taints");
        var seen = new HashSet<(string Key, string Effect)>();
        for (var i = 0; i < node.Spec.Taints.Count; i++)
        {
            var taint = node.Spec.Taints[i];
            var itemPath = taintsPath.Index(i);
            errors.Invalid(itemPath.Child("key"), taint.Key, NameRules.IsQualifiedName(taint.Key));
            var valueErrors = NameRules.IsValidLabelValue(taint.Value ?? "");
            if (valueErrors.Count > 0)
            {
                errors.Invalid(itemPath.Child("value"), taint.Value, string.Join(";", valueErrors));
            }

            PodSpecValidation.ValidateTaintEffect(taint.Effect, allowEmpty: false, itemPath.Child("effect"), errors);
            if (!seen.Add((taint.Key, taint.Effect)))
            {
                // Shown as kubectl taint writes it: key=value:effect.
                var shown = string.IsNullOrEmpty(taint.Value) ? $"{taint.Key}:{taint.Effect}" : $"{taint.Key}={taint.Value}:{taint.Effect}";
                errors.Duplicate(itemPath, shown, "taints must be unique by key and effect pair");
            }
        }

        if (node.Status is { } status)
        {
            ValidateResources(status.Capacity, FieldPath.Root.Child("status", "capacity"), errors);
            ValidateResources(status.Allocatable, FieldPath.Root.Child("status", "allocatable"), errors);
        }
    }

    private static void ValidateResources(IReadOnlyDictionary<string, Quantity> resources, FieldPath path, ErrorList errors)
    {
        foreach (var (name, quantity) in resources)
        {
            // Kubernetes names node resources as children here (status.capacity.cpu), not as map keys.
            var resourcePath = path.Child(name);
            if (quantity < Quantity.Zero)
            {
                errors.Invalid(resourcePath, quantity.ToString(), ErrorList.NegativeMessage);
            }

            if (name == "pods" && quantity.MilliValue % 1000 != 0)
            {
                errors.Invalid(resourcePath, quantity.ToString(), "must be an integer");
            }
        }
    }
}

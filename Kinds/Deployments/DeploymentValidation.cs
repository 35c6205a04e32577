using OrleansKube.Kinds.Validation;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;

namespace OrleansKube.Kinds.Deployments;

/// <summary>Kubernetes' <c>ValidateDeploymentSpec</c>: replicas, selector, template and rollout strategy.</summary>
public static class DeploymentValidation
{
    private const string PercentMessage = "a valid percent string must be a numeric string followed by an ending '%'";

    public static void Validate(Deployment deployment, ErrorList errors)
    {
        var spec = deployment.Spec;
        var path = FieldPath.Root.Child("spec");
        errors.NonNegative(path.Child("replicas"), spec.Replicas);

        var selectorPath = path.Child("selector");
        var selectorValid = false;
        if (spec.Selector is null)
        {
            errors.Required(selectorPath);
        }
        else
        {
            var before = errors.Count;
            LabelSelectorValidation.Validate(spec.Selector, selectorPath, errors);
            if (spec.Selector.IsEmpty)
            {
                errors.Invalid(selectorPath, LabelSelectorValidation.Render(spec.Selector), "empty selector is invalid for deployment");
            }

            selectorValid = errors.Count == before;
        }

        ValidateTemplate(spec.Template, selectorValid ? spec.Selector : null, path.Child("template"), errors);
        ValidateStrategy(spec.Strategy, path.Child("strategy"), errors);
        errors.NonNegative(path.Child("minReadySeconds"), spec.MinReadySeconds);
        errors.NonNegative(path.Child("revisionHistoryLimit"), spec.RevisionHistoryLimit);
        if (spec.ProgressDeadlineSeconds is { } deadline)
        {
            errors.NonNegative(path.Child("progressDeadlineSeconds"), deadline);
            if (deadline <= (spec.MinReadySeconds ?? 0))
            {
                errors.Invalid(path.Child("progressDeadlineSeconds"), deadline, "must be greater than minReadySeconds");
            }
        }
    }

    private static void ValidateTemplate(PodTemplateSpec template, LabelSelector? selector, FieldPath path, ErrorList errors)
    {
        var labelsPath = path.Child("metadata", "labels");
        if (selector is not null && !selector.Matches(template.Metadata.Labels))
        {
            errors.Invalid(labelsPath, FieldValue.GoMap(template.Metadata.Labels), "`selector` does not match template `labels`");
        }

        MetadataValidation.ValidateLabels(template.Metadata.Labels, labelsPath, errors);
        MetadataValidation.ValidateAnnotations(template.Metadata.Annotations, path.Child("metadata", "annotations"), errors);
        PodSpecValidation.Validate(template.Spec, path.Child("spec"), errors);

        // The deployment controller keeps its pods running; a pod that may stop for good would defeat it.
        var restartPolicy = template.Spec.RestartPolicy;
        if (restartPolicy is not null && restartPolicy != PodSpecValidation.RestartAlways)
        {
            errors.NotSupported(path.Child("spec", "restartPolicy"), restartPolicy, PodSpecValidation.RestartAlways);
        }
    }

    private static void ValidateStrategy(DeploymentStrategy? strategy, FieldPath path, ErrorList errors)
    {
        if (strategy is null)
        {
            return;
        }

        switch (strategy.Type)
        {
            case DeploymentStrategy.RecreateType:
                if (strategy.RollingUpdate is not null)
                {
                    errors.Forbidden(path.Child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'");
                }

                break;
            case DeploymentStrategy.RollingUpdateType:
                if (strategy.RollingUpdate is not null)
                {
                    ValidateRollingUpdate(strategy.RollingUpdate, path.Child("rollingUpdate"), errors);
                }

                break;
            case null:
                break;
            default:
                errors.NotSupported(path.Child("type"), strategy.Type, DeploymentStrategy.RecreateType, DeploymentStrategy.RollingUpdateType);
                break;
        }
    }

    private static void ValidateRollingUpdate(RollingUpdateDeployment rollingUpdate, FieldPath path, ErrorList errors)
    {
        var unavailablePath = path.Child("maxUnavailable");
        ValidateIntOrPercent(rollingUpdate.MaxUnavailable, unavailablePath, errors);
        ValidateIntOrPercent(rollingUpdate.MaxSurge, path.Child("maxSurge"), errors);
        if (rollingUpdate.MaxUnavailable is { } unavailable && rollingUpdate.MaxSurge is { } surge &&
            ValueOf(unavailable) == 0 && ValueOf(surge) == 0)
        {
            // Neither extra nor missing pods allowed: the rollout could never take a step.
            errors.Invalid(unavailablePath, Render(unavailable), "may not be 0 when `maxSurge` is 0");
        }

        if (rollingUpdate.MaxUnavailable is { } max && max.TryPercent(out var percent) && percent > 100)
        {
            errors.Invalid(unavailablePath, Render(max), "must not be greater than 100%");
        }
    }

    private static void ValidateIntOrPercent(IntOrString? value, FieldPath path, ErrorList errors)
    {
        switch (value)
        {
            case { IntValue: { } number }:
                errors.NonNegative(path, number);
                break;
            case { StringValue: { } text }:
                if (!IsPercent(text))
                {
                    errors.Invalid(path, Render(value.Value), NameRules.RegexError(PercentMessage, "[0-9]+%", "1%", "93%"));
                }

                break;
        }
    }

    private static bool IsPercent(string text) =>
        text.Length > 1 && text[^1] == '%' && text[..^1].All(char.IsAsciiDigit);

    // As Kubernetes' getIntOrPercentValue: a string that is not a percentage counts as 0.
    private static long ValueOf(IntOrString value) =>
        value.IntValue ?? (value.TryPercent(out var percent) ? percent : 0);

    // Kubernetes prints an IntOrString through its String method, so without quotes.
    private static FieldValue Render(IntOrString value) => FieldValue.Raw(value.ToString());
}

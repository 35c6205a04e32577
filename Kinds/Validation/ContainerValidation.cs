using OrleansKube.Model;
using OrleansKube.Model.Pods;

namespace OrleansKube.Kinds.Validation;

/// <summary>Kubernetes' container rules: image, environment, ports, resources, pull policy and probes.</summary>
public static class ContainerValidation
{
    public const string PullAlways = "Always";
    public const string PullIfNotPresent = "IfNotPresent";
    public const string PullNever = "Never";

    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string EphemeralStorage = "ephemeral-storage";
    public const string HugePagesPrefix = "hugepages-";

    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    /// <summary>Everything of <paramref name="container"/> but its name, which the pod checks for uniqueness.</summary>
    public static void Validate(Container container, FieldPath path, ErrorList errors)
    {
        if (string.IsNullOrEmpty(container.Image))
        {
            errors.Required(path.Child("image"));
        }
        else if (container.Image != container.Image.Trim())
        {
            errors.Invalid(path.Child("image"), container.Image, "must not have leading or trailing whitespace");
        }

        if (container.ImagePullPolicy is not null)
        {
            errors.OneOf(path.Child("imagePullPolicy"), container.ImagePullPolicy, PullAlways, PullIfNotPresent, PullNever);
        }

        ValidateEnv(container.Env, path.Child("env"), errors);
        ValidatePorts(container.Ports, path.Child("ports"), errors);
        ValidateResources(container.Resources, path.Child("resources"), errors);
        ProbeValidation.Validate(container.LivenessProbe, path.Child("livenessProbe"), successMustBeOne: true, errors);
        ProbeValidation.Validate(container.ReadinessProbe, path.Child("readinessProbe"), successMustBeOne: false, errors);
        ProbeValidation.Validate(container.StartupProbe, path.Child("startupProbe"), successMustBeOne: true, errors);
    }

    private static void ValidateEnv(IReadOnlyList<EnvVar> env, FieldPath path, ErrorList errors)
    {
        for (var i = 0; i < env.Count; i++)
        {
            var namePath = path.Index(i).Child("name");
            var name = env[i].Name;
            if (string.IsNullOrEmpty(name))
            {
                errors.Required(namePath);
            }
            else if (name.Any(c => c is '=' or < ' ' or > '~'))
            {
                errors.Invalid(namePath, name, "a valid environment variable name must consist only of printable ASCII characters other than '='");
            }
        }
    }

    private static void ValidatePorts(IReadOnlyList<ContainerPort> ports, FieldPath path, ErrorList errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ports.Count; i++)
        {
            var port = ports[i];
            var itemPath = path.Index(i);
            if (!string.IsNullOrEmpty(port.Name))
            {
                var nameErrors = NameRules.IsValidPortName(port.Name);
                errors.Invalid(itemPath.Child("name"), port.Name, nameErrors);
                if (nameErrors.Count == 0 && !names.Add(port.Name))
                {
                    errors.Duplicate(itemPath.Child("name"), port.Name);
                }
            }

            if (port.Number == 0)
            {
                errors.Required(itemPath.Child("containerPort"));
            }
            else
            {
                errors.Invalid(itemPath.Child("containerPort"), port.Number, NameRules.IsValidPortNumber(port.Number));
            }

            if (port.HostPort is { } hostPort and not 0)
            {
                errors.Invalid(itemPath.Child("hostPort"), hostPort, NameRules.IsValidPortNumber(hostPort));
            }

            if (port.Protocol is not null)
            {
                errors.OneOf(itemPath.Child("protocol"), port.Protocol, Protocols);
            }
        }
    }

    private static void ValidateResources(ResourceRequirements resources, FieldPath path, ErrorList errors)
    {
        var limitsPath = path.Child("limits");
        var requestsPath = path.Child("requests");
        foreach (var (name, quantity) in resources.Limits)
        {
            ValidateResource(name, quantity, limitsPath.Key(name), errors);
        }

        foreach (var (name, quantity) in resources.Requests)
        {
            ValidateResource(name, quantity, requestsPath.Key(name), errors);
            var huge = name.StartsWith(HugePagesPrefix, StringComparison.Ordinal);
            if (resources.Limits.TryGetValue(name, out var limit))
            {
                // Huge pages cannot be overcommitted, so a request must be exactly its limit.
                if (huge && quantity != limit)
                {
                    errors.Invalid(requestsPath, quantity.ToString(), $"must be equal to {name} limit of {limit}");
                }
                else if (quantity > limit)
                {
                    errors.Invalid(requestsPath, quantity.ToString(), $"must be less than or equal to {name} limit of {limit}");
                }
            }
            else if (huge)
            {
                errors.Required(limitsPath, "Limit must be set for non overcommitable resources");
            }
        }
    }

    private static void ValidateResource(string name, Quantity quantity, FieldPath path, ErrorList errors)
    {
        if (name is not (Cpu or Memory or EphemeralStorage) && !(name.StartsWith(HugePagesPrefix, StringComparison.Ordinal) && name.Length > HugePagesPrefix.Length))
        {
            errors.Invalid(path, name, "must be a standard resource for containers");
        }

        if (quantity < Quantity.Zero)
        {
            errors.Invalid(path, quantity.ToString(), ErrorList.NegativeMessage);
        }
    }
}

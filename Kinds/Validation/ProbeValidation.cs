using OrleansKube.Model;
using OrleansKube.Model.Pods;

namespace OrleansKube.Kinds.Validation;

/// <summary>Kubernetes' probe rules: exactly one handler, valid ports and sane timing.</summary>
public static class ProbeValidation
{
    private const string MoreThanOneHandler = "may not specify more than 1 handler type";

    /// <summary>Validates <paramref name="probe"/>; liveness and startup probes pass <paramref name="successMustBeOne"/>.</summary>
    public static void Validate(Probe? probe, FieldPath path, bool successMustBeOne, ErrorList errors)
    {
        if (probe is null)
        {
            return;
        }

        ValidateHandler(probe, path, errors);
        errors.NonNegative(path.Child("initialDelaySeconds"), probe.InitialDelaySeconds);
        errors.AtLeast(path.Child("timeoutSeconds"), probe.TimeoutSeconds, 1);
        errors.AtLeast(path.Child("periodSeconds"), probe.PeriodSeconds, 1);
        errors.AtLeast(path.Child("failureThreshold"), probe.FailureThreshold, 1);
        if (successMustBeOne)
        {
            // Liveness and startup probes act on the first success, so a higher threshold would mean nothing.
            if (probe.SuccessThreshold is { } success and not 1)
            {
                errors.Invalid(path.Child("successThreshold"), success, "must be 1");
            }
        }
        else
        {
            errors.AtLeast(path.Child("successThreshold"), probe.SuccessThreshold, 1);
        }
    }

    /// <summary>A port given by number (1-65535) or by the name of a container port.</summary>
    public static void ValidatePortNumberOrName(IntOrString port, FieldPath path, ErrorList errors)
    {
        if (port.StringValue is { } name)
        {
            errors.Invalid(path, name, NameRules.IsValidPortName(name));
        }
        else
        {
            var number = port.IntValue ?? 0;
            errors.Invalid(path, number, NameRules.IsValidPortNumber(number));
        }
    }

    private static void ValidateHandler(Probe probe, FieldPath path, ErrorList errors)
    {
        var handlers = 0;
        if (probe.Exec is not null)
        {
            handlers++;
            if (probe.Exec.Command.Count == 0)
            {
                errors.Required(path.Child("exec", "command"));
            }
        }

        if (probe.HttpGet is not null)
        {
            if (handlers++ > 0)
            {
                errors.Forbidden(path.Child("httpGet"), MoreThanOneHandler);
            }
            else
            {
                ValidateHttpGet(probe.HttpGet, path.Child("httpGet"), errors);
            }
        }

        if (probe.TcpSocket is not null)
        {
            if (handlers++ > 0)
            {
                errors.Forbidden(path.Child("tcpSocket"), MoreThanOneHandler);
            }
            else
            {
                ValidatePortNumberOrName(probe.TcpSocket.Port, path.Child("tcpSocket", "port"), errors);
            }
        }

        if (handlers == 0)
        {
            errors.Required(path, "must specify a handler type");
        }
    }

    private static void ValidateHttpGet(HttpGetAction httpGet, FieldPath path, ErrorList errors)
    {
        if (httpGet.Path is { Length: 0 })
        {
            errors.Required(path.Child("path"));
        }

        ValidatePortNumberOrName(httpGet.Port, path.Child("port"), errors);
        errors.OneOf(path.Child("scheme"), httpGet.Scheme, "HTTP", "HTTPS");
        foreach (var header in httpGet.HttpHeaders)
        {
            if (header.Name.Length == 0 || !header.Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                errors.Invalid(path.Child("httpHeaders"), header.Name, NameRules.RegexError(
                    "a valid HTTP header must consist of alphanumeric characters or '-'", "[-A-Za-z0-9]+", "X-Header-Name"));
            }
        }
    }
}

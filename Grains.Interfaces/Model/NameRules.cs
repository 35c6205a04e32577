using System.Text.RegularExpressions;

namespace OrleansKube.Model;

/// <summary>
/// Kubernetes' naming rules (apimachinery <c>util/validation</c>). Each check returns the reasons a value is
/// invalid, worded as Kubernetes words them, or nothing when the value is valid. Shared on purpose by the
/// label selector parser and object validation so both report the same thing the same way.
/// </summary>
public static partial class NameRules
{
    public const int Dns1123LabelMaxLength = 63;
    public const int Dns1123SubdomainMaxLength = 253;
    public const int QualifiedNameMaxLength = 63;
    public const int LabelValueMaxLength = 63;
    public const int PortNameMaxLength = 15;

    public const string Dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    public const string Dns1123SubdomainFormat = Dns1123LabelFormat + @"(\." + Dns1123LabelFormat + ")*";
    public const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    public const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";

    private const string Dns1123LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string Dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string QualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    /// <summary>A DNS-1123 label such as a namespace or container name: at most 63 characters, no dots.</summary>
    public static IReadOnlyList<string> IsDns1123Label(string value)
    {
        var errors = new List<string>();
        if (value.Length > Dns1123LabelMaxLength)
        {
            errors.Add(MaxLengthError(Dns1123LabelMaxLength));
        }

        if (!Dns1123Label().IsMatch(value))
        {
            // A valid subdomain that is not a valid label can only be wrong because of its dots.
            errors.Add(Dns1123Subdomain().IsMatch(value)
                ? "must not contain dots"
                : RegexError(Dns1123LabelMessage, Dns1123LabelFormat, "my-name", "123-abc"));
        }

        return errors;
    }

    /// <summary>A DNS-1123 subdomain such as a pod, deployment or node name: at most 253 characters.</summary>
    public static IReadOnlyList<string> IsDns1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (value.Length > Dns1123SubdomainMaxLength)
        {
            errors.Add(MaxLengthError(Dns1123SubdomainMaxLength));
        }

        if (!Dns1123Subdomain().IsMatch(value))
        {
            errors.Add(RegexError(Dns1123SubdomainMessage, Dns1123SubdomainFormat, "example.com"));
        }

        return errors;
    }

    /// <summary>A label or annotation key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static IReadOnlyList<string> IsQualifiedName(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0)
                {
                    errors.Add("prefix part " + EmptyError);
                }
                else
                {
                    errors.AddRange(IsDns1123Subdomain(parts[0]).Select(message => "prefix part " + message));
                }

                break;
            default:
                errors.Add("a qualified name " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc") +
                    " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }

        if (name.Length == 0)
        {
            errors.Add("name part " + EmptyError);
        }
        else if (name.Length > QualifiedNameMaxLength)
        {
            errors.Add("name part " + MaxLengthError(QualifiedNameMaxLength));
        }

        if (!QualifiedName().IsMatch(name))
        {
            errors.Add("name part " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc"));
        }

        return errors;
    }

    /// <summary>A label value: empty, or at most 63 alphanumerics, '-', '_' and '.', starting and ending alphanumeric.</summary>
    public static IReadOnlyList<string> IsValidLabelValue(string value)
    {
        var errors = new List<string>();
        if (value.Length > LabelValueMaxLength)
        {
            errors.Add(MaxLengthError(LabelValueMaxLength));
        }

        if (!LabelValue().IsMatch(value))
        {
            errors.Add(RegexError(LabelValueMessage, LabelValueFormat, "MyValue", "my_value", "12345"));
        }

        return errors;
    }

    /// <summary>A port name (IANA_SVC_NAME): at most 15 lower-case alphanumerics and '-', with a letter, no '--', no '-' at either end.</summary>
    public static IReadOnlyList<string> IsValidPortName(string value)
    {
        var errors = new List<string>();
        if (value.Length > PortNameMaxLength)
        {
            errors.Add(MaxLengthError(PortNameMaxLength));
        }

        if (!PortNameCharacters().IsMatch(value))
        {
            errors.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!value.Any(char.IsAsciiLetterLower))
        {
            errors.Add("must contain at least one letter (a-z)");
        }

        if (value.Contains("--", StringComparison.Ordinal))
        {
            errors.Add("must not contain consecutive hyphens");
        }

        if (value.Length > 0 && (value[0] == '-' || value[^1] == '-'))
        {
            errors.Add("must not begin or end with a hyphen");
        }

        return errors;
    }

    /// <summary>A port number: 1 to 65535.</summary>
    public static IReadOnlyList<string> IsValidPortNumber(int value) =>
        value is >= 1 and <= 65535 ? [] : [InclusiveRangeError(1, 65535)];

    public const string EmptyError = "must be non-empty";

    public static string MaxLengthError(int length) => $"must be no more than {length} characters";

    public static string InclusiveRangeError(long low, long high) => $"must be between {low} and {high}, inclusive";

    /// <summary>Kubernetes' description of a failed pattern, with examples of valid values and the pattern itself.</summary>
    public static string RegexError(string message, string format, params string[] examples)
    {
        if (examples.Length == 0)
        {
            return $"{message} (regex used for validation is '{format}')";
        }

        var shown = string.Concat(examples.Select((example, i) => (i > 0 ? " or " : "") + $"'{example}', "));
        return $"{message} (e.g. {shown}regex used for validation is '{format}')";
    }

    // Go's `$` matches only at the very end; .NET's also before a final newline, hence `\z`.
    [GeneratedRegex("^" + Dns1123LabelFormat + @"\z")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^" + Dns1123SubdomainFormat + @"\z")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^" + QualifiedNameFormat + @"\z")]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^" + LabelValueFormat + @"\z")]
    private static partial Regex LabelValue();

    [GeneratedRegex(@"^[-a-z0-9]+\z")]
    private static partial Regex PortNameCharacters();
}

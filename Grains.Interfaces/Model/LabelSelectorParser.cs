using System.Collections.Immutable;

namespace OrleansKube.Model;

/// <summary>
/// Reads kubectl's <c>-l</c> selector syntax: comma-separated requirements such as <c>app=web</c>, <c>tier!=db</c>,
/// <c>env in (prod, staging)</c>, <c>env notin (dev)</c>, <c>canary</c> and <c>!canary</c>.
/// </summary>
public static class LabelSelectorParser
{
    /// <summary>
    /// Parses <paramref name="text"/>. Equality requirements become <see cref="LabelSelector.MatchLabels"/> unless the key is
    /// already there; everything else becomes a <see cref="LabelSelectorRequirement"/>. Empty text selects everything.
    /// </summary>
    /// <exception cref="FormatException">The text is not a selector; the message quotes the requirement at fault.</exception>
    public static LabelSelector Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matchLabels = ImmutableSortedDictionary<string, string>.Empty.ToBuilder();
        var expressions = ImmutableList.CreateBuilder<LabelSelectorRequirement>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new LabelSelector();
        }

        foreach (var part in SplitRequirements(text))
        {
            var requirement = ParseRequirement(part, out var equality);
            if (equality && !matchLabels.ContainsKey(requirement.Key))
            {
                matchLabels[requirement.Key] = requirement.Values[0];
            }
            else
            {
                expressions.Add(requirement);
            }
        }

        return new LabelSelector { MatchLabels = matchLabels.ToImmutable(), MatchExpressions = expressions.ToImmutable() };
    }

    // Commas inside parentheses separate values, not requirements.
    private static List<string> SplitRequirements(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth <= 0:
                    parts.Add(text[start..i].Trim());
                    start = i + 1;
                    depth = 0;
                    break;
            }
        }

        parts.Add(text[start..].Trim());
        return parts;
    }

    private static LabelSelectorRequirement ParseRequirement(string part, out bool equality)
    {
        var tokens = Tokenize(part);
        equality = tokens.Count > 1 && tokens[1] is "=" or "==";
        if (tokens.Count == 0)
        {
            throw Error(part, "expected a requirement such as 'key=value' between commas");
        }

        if (tokens[0] == "!")
        {
            if (tokens.Count != 2 || !IsIdentifier(tokens[1]))
            {
                throw Error(part, "expected only a key after '!'");
            }

            return new LabelSelectorRequirement { Key = ValidKey(part, tokens[1]), Operator = LabelSelectorRequirement.DoesNotExist };
        }

        if (!IsIdentifier(tokens[0]))
        {
            throw Error(part, $"expected a key, found '{tokens[0]}'");
        }

        var key = ValidKey(part, tokens[0]);
        if (tokens.Count == 1)
        {
            return new LabelSelectorRequirement { Key = key, Operator = LabelSelectorRequirement.Exists };
        }

        return tokens[1] switch
        {
            "=" or "==" => Single(part, key, LabelSelectorRequirement.In, tokens),
            "!=" => Single(part, key, LabelSelectorRequirement.NotIn, tokens),
            "in" => Set(part, key, LabelSelectorRequirement.In, tokens),
            "notin" => Set(part, key, LabelSelectorRequirement.NotIn, tokens),
            "<" or ">" => throw Error(part, $"operator '{tokens[1]}' is not supported"),
            _ => throw Error(part, $"expected one of '=', '==', '!=', 'in', 'notin' after the key, found '{tokens[1]}'"),
        };
    }

    private static LabelSelectorRequirement Single(string part, string key, string op, List<string> tokens)
    {
        // `key=` selects an empty value, as in kubectl.
        if (tokens.Count > 3 || (tokens.Count == 3 && !IsIdentifier(tokens[2])))
        {
            throw Error(part, $"expected a single value after '{tokens[1]}'");
        }

        var value = tokens.Count == 3 ? tokens[2] : "";
        return new LabelSelectorRequirement { Key = key, Operator = op, Values = [ValidValue(part, value)] };
    }

    private static LabelSelectorRequirement Set(string part, string key, string op, List<string> tokens)
    {
        if (tokens.Count < 3 || tokens[2] != "(")
        {
            throw Error(part, $"expected '(' after '{tokens[1]}'");
        }

        var values = ImmutableList.CreateBuilder<string>();
        var i = 3;
        while (true)
        {
            // An empty slot between separators is an empty value, as in kubectl.
            var value = i < tokens.Count && IsIdentifier(tokens[i]) ? tokens[i++] : "";
            var separator = i < tokens.Count ? tokens[i++] : null;
            if (separator is not ("," or ")"))
            {
                throw Error(part, separator is null ? "expected ',' or ')'" : $"expected ',' or ')', found '{separator}'");
            }

            if (separator == ")" && value.Length == 0 && values.Count == 0)
            {
                throw Error(part, $"'{tokens[1]}' needs at least one value");
            }

            values.Add(ValidValue(part, value));
            if (separator == ")")
            {
                break;
            }
        }

        if (i != tokens.Count)
        {
            throw Error(part, $"unexpected '{tokens[i]}' after ')'");
        }

        return new LabelSelectorRequirement { Key = key, Operator = op, Values = values.ToImmutable() };
    }

    private static List<string> Tokenize(string part)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < part.Length)
        {
            var c = part[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '!' or '=' && i + 1 < part.Length && part[i + 1] == '=')
            {
                tokens.Add(part.Substring(i, 2));
                i += 2;
            }
            else if (IsSymbol(c))
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < part.Length && !char.IsWhiteSpace(part[i]) && !IsSymbol(part[i]))
                {
                    i++;
                }

                tokens.Add(part[start..i]);
            }
        }

        return tokens;
    }

    private static bool IsSymbol(char c) => c is '!' or '=' or '(' or ')' or ',' or '<' or '>';

    private static bool IsIdentifier(string token) => token.Length > 0 && !IsSymbol(token[0]);

    private static string ValidKey(string part, string key)
    {
        var errors = NameRules.IsQualifiedName(key);
        return errors.Count == 0 ? key : throw Error(part, $"invalid label key \"{key}\": {string.Join("; ", errors)}");
    }

    private static string ValidValue(string part, string value)
    {
        var errors = NameRules.IsValidLabelValue(value);
        return errors.Count == 0 ? value : throw Error(part, $"invalid label value \"{value}\": {string.Join("; ", errors)}");
    }

    private static FormatException Error(string part, string reason) =>
        new($"unable to parse requirement: \"{part}\": {reason}");
}

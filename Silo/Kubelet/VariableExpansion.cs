using System.Text;

namespace OrleansKube.Silo.Kubelet;

/// <summary>
/// Kubernetes' <c>$(VAR_NAME)</c> references in a container's command, args and env values: replaced by the
/// variable's value when it is defined, left as written when not; <c>$$</c> stands for a literal <c>$</c>.
/// </summary>
internal static class VariableExpansion
{
    public static string Expand(string input, IReadOnlyDictionary<string, string> variables)
    {
        if (!input.Contains('$', StringComparison.Ordinal))
        {
            return input;
        }

        var output = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] != '$' || i + 1 == input.Length)
            {
                output.Append(input[i]);
            }
            else if (input[i + 1] == '$')
            {
                output.Append('$');
                i++;
            }
            else if (input[i + 1] == '(' && input.IndexOf(')', i + 2) is var close and > 0
                     && variables.TryGetValue(input[(i + 2)..close], out var value))
            {
                output.Append(value);
                i = close;
            }
            else
            {
                output.Append(input[i]);
            }
        }

        return output.ToString();
    }
}

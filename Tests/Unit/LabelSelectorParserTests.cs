using System.Collections.Immutable;
using OrleansKube.Model;
using OrleansKube.Serialization;

namespace OrleansKube.Tests.Unit;

public sealed class LabelSelectorParserTests
{
    [Theory]
    [InlineData("", "{}")]
    [InlineData("   ", "{}")]
    [InlineData("app=web", """{"matchLabels":{"app":"web"}}""")]
    [InlineData("app==web", """{"matchLabels":{"app":"web"}}""")]
    [InlineData(" app = web , tier=db ", """{"matchLabels":{"app":"web","tier":"db"}}""")]
    [InlineData("app=", """{"matchLabels":{"app":""}}""")]
    [InlineData("app!=web", """{"matchExpressions":[{"key":"app","operator":"NotIn","values":["web"]}]}""")]
    [InlineData("env in (prod, staging)", """{"matchExpressions":[{"key":"env","operator":"In","values":["prod","staging"]}]}""")]
    [InlineData("env in(prod)", """{"matchExpressions":[{"key":"env","operator":"In","values":["prod"]}]}""")]
    [InlineData("env notin (dev)", """{"matchExpressions":[{"key":"env","operator":"NotIn","values":["dev"]}]}""")]
    [InlineData("canary", """{"matchExpressions":[{"key":"canary","operator":"Exists"}]}""")]
    [InlineData("!canary", """{"matchExpressions":[{"key":"canary","operator":"DoesNotExist"}]}""")]
    [InlineData("! canary", """{"matchExpressions":[{"key":"canary","operator":"DoesNotExist"}]}""")]
    [InlineData("a=b,a=c", """{"matchLabels":{"a":"b"},"matchExpressions":[{"key":"a","operator":"In","values":["c"]}]}""")]
    [InlineData("app.kubernetes.io/name=web", """{"matchLabels":{"app.kubernetes.io/name":"web"}}""")]
    [InlineData("in=notin", """{"matchLabels":{"in":"notin"}}""")]
    [InlineData(
        "app=web,env in (a,b),tier!=db,!canary,ready",
        """{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"env","operator":"In","values":["a","b"]},{"key":"tier","operator":"NotIn","values":["db"]},{"key":"canary","operator":"DoesNotExist"},{"key":"ready","operator":"Exists"}]}""")]
    public void Parses_kubectl_selectors(string text, string expectedJson)
    {
        Assert.Equal(expectedJson, KubeJson.Serialize(LabelSelectorParser.Parse(text)));
    }

    [Theory]
    [InlineData("a in (b", "unable to parse requirement: \"a in (b\": expected ',' or ')'")]
    [InlineData("a in b", "unable to parse requirement: \"a in b\": expected '(' after 'in'")]
    [InlineData("a in ()", "unable to parse requirement: \"a in ()\": 'in' needs at least one value")]
    [InlineData("a=b,", "unable to parse requirement: \"\": expected a requirement such as 'key=value' between commas")]
    [InlineData("a=b=c", "unable to parse requirement: \"a=b=c\": expected a single value after '='")]
    [InlineData("a b", "unable to parse requirement: \"a b\": expected one of '=', '==', '!=', 'in', 'notin' after the key, found 'b'")]
    [InlineData("a>1", "unable to parse requirement: \"a>1\": operator '>' is not supported")]
    [InlineData("=b", "unable to parse requirement: \"=b\": expected a key, found '='")]
    [InlineData("!a=b", "unable to parse requirement: \"!a=b\": expected only a key after '!'")]
    [InlineData("a in (b) c", "unable to parse requirement: \"a in (b) c\": unexpected 'c' after ')'")]
    [InlineData("a)", "unable to parse requirement: \"a)\": expected one of '=', '==', '!=', 'in', 'notin' after the key, found ')'")]
    [InlineData(
        "-a=b",
        "unable to parse requirement: \"-a=b\": invalid label key \"-a\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")]
    [InlineData(
        "a=b c",
        "unable to parse requirement: \"a=b c\": expected a single value after '='")]
    [InlineData(
        "a=-b",
        "unable to parse requirement: \"a=-b\": invalid label value \"-b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]
    public void Bad_syntax_names_the_requirement(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => LabelSelectorParser.Parse(text));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("", "", true)]
    [InlineData("", "app=web", true)]
    [InlineData("app=web", "app=web,tier=db", true)]
    [InlineData("app=web", "app=api", false)]
    [InlineData("app=web", "", false)]
    [InlineData("app!=web", "app=api", true)]
    [InlineData("app!=web", "", true)]
    [InlineData("app!=web", "app=web", false)]
    [InlineData("env in (a,b)", "env=b", true)]
    [InlineData("env in (a,b)", "env=c", false)]
    [InlineData("env in (a,b)", "", false)]
    [InlineData("env notin (a,b)", "env=c", true)]
    [InlineData("env notin (a,b)", "", true)]
    [InlineData("env notin (a,b)", "env=a", false)]
    [InlineData("canary", "canary=", true)]
    [InlineData("canary", "app=web", false)]
    [InlineData("!canary", "app=web", true)]
    [InlineData("!canary", "canary=yes", false)]
    [InlineData("a=b,a=c", "a=b", false)]
    [InlineData("app=web,!canary,env in (prod)", "app=web,env=prod", true)]
    [InlineData("app=web,!canary,env in (prod)", "app=web,env=prod,canary=1", false)]
    public void Selectors_match_labels_as_kubernetes_does(string selector, string labels, bool matches)
    {
        var set = labels.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToImmutableSortedDictionary(pair => pair[0], pair => pair[1]);

        Assert.Equal(matches, LabelSelectorParser.Parse(selector).Matches(set));
    }

    [Fact]
    public void An_unknown_operator_matches_nothing()
    {
        var selector = new LabelSelector { MatchExpressions = [new() { Key = "a", Operator = "Sometimes", Values = ["b"] }] };

        Assert.False(selector.Matches(ImmutableSortedDictionary<string, string>.Empty.Add("a", "b")));
    }

    [Theory]
    [InlineData("app=web")]
    [InlineData("app=web,tier!=db")]
    [InlineData("env in (a,b),!canary,ready")]
    public void ToString_reads_back_as_the_same_selector(string text)
    {
        var selector = LabelSelectorParser.Parse(text);

        Assert.Equal(KubeJson.Serialize(selector), KubeJson.Serialize(LabelSelectorParser.Parse(selector.ToString())));
    }
}

using System.Text.Json.Nodes;
using OrleansKube.Kinds;

namespace OrleansKube.Silo.KubeApi;

/// <summary>
/// API discovery as kubectl reads it, from the <see cref="KindRegistry"/>: <c>/version</c>, the legacy documents
/// (<c>/api</c>, <c>/api/v1</c>, <c>/apis</c>, <c>/apis/GROUP/VERSION</c>) and the aggregated ones
/// (<c>apidiscovery.k8s.io/v2</c>) that kubectl 1.32 asks for first.
/// </summary>
internal static class Discovery
{
    public const string AggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    /// <summary>The Kubernetes version this API follows; kubectl compares its own minor version to it.</summary>
    public const string KubernetesMajor = "1";
    public const string KubernetesMinor = "32";

    private static readonly string[] ObjectVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] ListOnlyVerbs = ["list", "watch"];

    public static JsonObject Version() => new()
    {
        ["major"] = KubernetesMajor,
        ["minor"] = KubernetesMinor,
        ["gitVersion"] = $"v{KubernetesMajor}.{KubernetesMinor}.0-okube",
        ["gitCommit"] = "",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "",
        ["goVersion"] = "",
        ["compiler"] = "dotnet",
        ["platform"] = $"{Environment.OSVersion.Platform.ToString().ToLowerInvariant()}/{System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}",
    };

    /// <summary><c>/api</c>: <c>APIVersions</c>.</summary>
    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    /// <summary><c>/apis</c>: <c>APIGroupList</c> of the named groups.</summary>
    public static JsonObject GroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. NamedGroups().Select(g => (JsonNode)GroupNode(g.Group, g.Versions))]),
    };

    /// <summary><c>/apis/GROUP</c>: one <c>APIGroup</c>.</summary>
    public static JsonObject Group(string group)
    {
        var node = GroupNode(group, NamedGroups().Single(g => g.Group == group).Versions);
        node["kind"] = "APIGroup";
        node["apiVersion"] = "v1";
        return node;
    }

    /// <summary><c>/api/v1</c>, <c>/apis/GROUP/VERSION</c>: <c>APIResourceList</c>.</summary>
    public static JsonObject ResourceList(string group, string version)
    {
        var resources = new JsonArray();
        foreach (var kind in KindsOf(group, version))
        {
            var r = kind.Resource;
            var entry = new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Singular,
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = Verbs(kind),
            };
            resources.Add(WithNames(entry, kind));
            foreach (var sub in kind.Subresources)
            {
                var (subGroup, subVersion) = SplitApiVersion(sub.ApiVersion);
                var subEntry = new JsonObject
                {
                    ["name"] = $"{r.Plural}/{sub.Name}",
                    ["singularName"] = "",
                    ["namespaced"] = r.Namespaced,
                    ["kind"] = sub.Kind,
                    ["verbs"] = Strings(sub.Verbs),
                };
                if (subGroup != group || subVersion != version)
                {
                    subEntry["group"] = subGroup;
                    subEntry["version"] = subVersion;
                }

                resources.Add(subEntry);
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    /// <summary>The aggregated document of the core group (for <c>/api</c>) or of every named group (for <c>/apis</c>).</summary>
    public static JsonObject Aggregated(bool core)
    {
        var groups = core ? [("", (IReadOnlyList<string>)["v1"])] : NamedGroups();
        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = "apidiscovery.k8s.io/v2",
            ["metadata"] = new JsonObject(),
            ["items"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = g.Group, ["creationTimestamp"] = null },
                ["versions"] = new JsonArray([.. g.Versions.Select(v => (JsonNode)new JsonObject
                {
                    ["version"] = v,
                    ["resources"] = new JsonArray([.. KindsOf(g.Group, v).Select(kind => (JsonNode)AggregatedResource(kind))]),
                    ["freshness"] = "Current",
                })]),
            })]),
        };
    }

    /// <summary>Whether the request asks for aggregated discovery, which is then what it gets.</summary>
    public static bool WantsAggregated(HttpRequest request) =>
        request.Headers.Accept.Any(accept => accept is not null && accept.Split(',').Any(type =>
            type.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal) && type.Contains("v=v2", StringComparison.Ordinal)));

    private static JsonObject AggregatedResource(KindDescriptor kind)
    {
        var r = kind.Resource;
        var node = new JsonObject
        {
            ["resource"] = r.Plural,
            ["responseKind"] = Gvk(r.Group, r.Version, r.Kind),
            ["scope"] = r.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = r.Singular,
            ["verbs"] = Verbs(kind),
        };
        WithNames(node, kind);

        if (kind.Subresources.Length > 0)
        {
            node["subresources"] = new JsonArray([.. kind.Subresources.Select(sub =>
            {
                var (subGroup, subVersion) = SplitApiVersion(sub.ApiVersion);
                return (JsonNode)new JsonObject
                {
                    ["subresource"] = sub.Name,
                    ["responseKind"] = Gvk(subGroup, subVersion, sub.Kind),
                    ["verbs"] = Strings(sub.Verbs),
                };
            })]);
        }

        return node;
    }

    // The names kubectl also resolves a kind by: its short names and its categories (`all`), when it has them.
    private static JsonObject WithNames(JsonObject node, KindDescriptor kind)
    {
        if (kind.Resource.ShortNames.Length > 0)
        {
            node["shortNames"] = Strings(kind.Resource.ShortNames);
        }

        if (kind.Categories.Length > 0)
        {
            node["categories"] = Strings(kind.Categories);
        }

        return node;
    }

    private static JsonObject Gvk(string group, string version, string kind) => new() { ["group"] = group, ["version"] = version, ["kind"] = kind };

    private static JsonArray Verbs(KindDescriptor kind) =>
        Strings(kind.HasObjectGrain ? ObjectVerbs : ListOnlyVerbs);

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => JsonValue.Create(v))]);

    private static (string Group, string Version) SplitApiVersion(string apiVersion) =>
        apiVersion.Contains('/') ? (apiVersion[..apiVersion.IndexOf('/')], apiVersion[(apiVersion.IndexOf('/') + 1)..]) : ("", apiVersion);

    private static IEnumerable<KindDescriptor> KindsOf(string group, string version) =>
        KindRegistry.All.Where(kind => kind.Resource.Group == group && kind.Resource.Version == version);

    private static IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> NamedGroups() =>
        [.. KindRegistry.All.Select(kind => kind.Resource).Where(r => r.Group.Length > 0).GroupBy(r => r.Group)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(r => r.Version).Distinct()]))];

    private static JsonObject GroupNode(string group, IReadOnlyList<string> versions)
    {
        var versionNodes = versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v }).ToArray();
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = new JsonArray(versionNodes),
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] },
        };
    }
}

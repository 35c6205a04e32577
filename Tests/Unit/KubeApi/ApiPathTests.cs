using OrleansKube.Silo.KubeApi;

namespace OrleansKube.Tests.Unit.KubeApi;

/// <summary>Request paths as kube-apiserver lays them out.</summary>
public sealed class ApiPathTests
{
    [Theory]
    [InlineData("/api/v1/namespaces/web/pods", "Pod", "web", null, null)]
    [InlineData("/api/v1/namespaces/web/pods/p-1/log", "Pod", "web", "p-1", "log")]
    [InlineData("/api/v1/pods", "Pod", null, null, null)]
    [InlineData("/apis/apps/v1/namespaces/web/deployments/d/scale", "Deployment", "web", "d", "scale")]
    [InlineData("/api/v1/nodes/n-1/status", "Node", null, "n-1", "status")]
    [InlineData("/api/v1/namespaces/web", "Namespace", null, "web", null)]
    [InlineData("/api/v1/namespaces/web/status", "Namespace", null, "web", "status")]
    [InlineData("/api/v1/namespaces", "Namespace", null, null, null)]
    public void Resources_are_read_with_their_namespace_name_and_subresource(string path, string kind, string? ns, string? name, string? subresource)
    {
        var resource = Assert.IsType<ApiPath.Resource>(ApiPath.Parse(path));

        Assert.Equal((kind, ns, name, subresource), (resource.Kind.Resource.Kind, resource.Namespace, resource.Name, resource.Subresource));
    }

    [Theory]
    [InlineData("/api", typeof(ApiPath.CoreVersions))]
    [InlineData("/apis", typeof(ApiPath.Groups))]
    [InlineData("/apis/apps", typeof(ApiPath.NamedGroup))]
    [InlineData("/apis/apps/v1", typeof(ApiPath.GroupVersion))]
    [InlineData("/api/v1", typeof(ApiPath.GroupVersion))]
    public void Discovery_documents_are_recognized(string path, Type expected) => Assert.IsType(expected, ApiPath.Parse(path));

    [Theory]
    [InlineData("/apis/batch/v1/jobs")]
    [InlineData("/api/v2/pods")]
    [InlineData("/apis/apps/v1/deployments/d")]
    [InlineData("/api/v1/pods/p")]
    [InlineData("/api/v1/namespaces/web/pods/p/log/extra")]
    [InlineData("/apis/apps/v1/namespaces/web/pods")]
    [InlineData("/metrics")]
    public void Paths_this_api_does_not_serve_are_not_found(string path) => Assert.Null(ApiPath.Parse(path));
}

using System.Text.Json.Nodes;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Serialization;

namespace OrleansKube.Tests.Unit.KubeApi;

/// <summary>
/// Fields Kubernetes' schema requires are written even when nothing is known of them: generated clients (the Python
/// one) refuse an object without them.
/// </summary>
public sealed class RequiredFieldsTests
{
    [Fact]
    public void A_nodes_system_info_has_every_field_kubernetes_requires()
    {
        var json = (JsonObject)KubeJson.ToNode(new NodeSystemInfo());

        Assert.Equal(
            ["architecture", "bootID", "containerRuntimeVersion", "kernelVersion", "kubeProxyVersion", "kubeletVersion", "machineID", "operatingSystem", "osImage", "systemUUID"],
            json.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_container_status_has_every_field_kubernetes_requires()
    {
        var json = (JsonObject)KubeJson.ToNode(new ContainerStatus { Name = "c" });

        Assert.All(new[] { "name", "image", "imageID", "ready", "restartCount" }, field => Assert.True(json.ContainsKey(field), field));
    }
}

using k8s;
using k8s.Autorest;
using k8s.Models;
using OrleansKube.Tests.EndToEnd;

namespace OrleansKube.Tests.KubeApi;

/// <summary>The official C# Kubernetes client (the KubernetesClient package) against real silo processes: a second real client beside kubectl.</summary>
[Collection(KubeApiClusterCollection.Name)]
public sealed class KubernetesClientTests(KubeApiClusterFixture cluster)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Creates_lists_watches_patches_and_deletes_a_deployment()
    {
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = cluster.First.ApiServer });
        var ns = $"csharp-{Guid.NewGuid():N}"[..14];
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });

        var created = await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("client", 1), ns);
        Assert.Equal("client", created.Metadata.Name);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.False(string.IsNullOrEmpty(created.Metadata.ResourceVersion));

        var listed = await client.AppsV1.ListNamespacedDeploymentAsync(ns);
        Assert.Equal(["client"], listed.Items.Select(d => d.Metadata.Name));

        // A watch from the list's version sees the change made after it, and nothing before it again.
        using var cancel = new CancellationTokenSource(Deadline);
        var seen = new List<(WatchEventType Type, int? Replicas)>();
        var watched = Task.Run(async () =>
        {
            var changes = client.AppsV1.WatchListNamespacedDeploymentAsync(ns, resourceVersion: listed.Metadata.ResourceVersion, cancellationToken: cancel.Token);
            await foreach (var (type, deployment) in changes)
            {
                lock (seen)
                {
                    seen.Add((type, deployment.Spec.Replicas));
                }

                if (type == WatchEventType.Modified && deployment.Spec.Replicas == 3)
                {
                    return;
                }
            }
        });

        var patched = await client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.StrategicMergePatch), "client", ns);
        Assert.Equal(3, patched.Spec.Replicas);
        await watched.WaitAsync(cancel.Token);
        lock (seen)
        {
            Assert.DoesNotContain(seen, e => e.Type == WatchEventType.Added);
            Assert.Contains((WatchEventType.Modified, 3), seen);
        }

        var pods = await Poll.UntilAsync(
            () => client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=client"), list => list.Items.Count == 3, Deadline, list => $"{list.Items.Count} pods");
        Assert.All(pods.Items, pod => Assert.Equal("client", pod.Metadata.OwnerReferences.Single().Name));

        await client.AppsV1.DeleteNamespacedDeploymentAsync("client", ns);
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => client.AppsV1.ReadNamespacedDeploymentAsync("client", ns));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.Response.StatusCode);

        await client.CoreV1.DeleteNamespaceAsync(ns);
    }

    [Fact]
    public async Task A_stale_update_is_refused_with_a_conflict()
    {
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = cluster.Second.ApiServer });
        var ns = $"csharp-{Guid.NewGuid():N}"[..14];
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("racy", 1), ns);
        var stale = await client.AppsV1.ReadNamespacedDeploymentAsync("racy", ns);

        // The controller writes the status meanwhile, as in Kubernetes: an update that loses that race reads again.
        await Poll.UntilAsync(async () =>
        {
            var current = await client.AppsV1.ReadNamespacedDeploymentAsync("racy", ns);
            current.Spec.Replicas = 2;
            try
            {
                await client.AppsV1.ReplaceNamespacedDeploymentAsync(current, "racy", ns);
                return true;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                return false;
            }
        }, replaced => replaced, Deadline);

        stale.Spec.Replicas = 5;
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => client.AppsV1.ReplaceNamespacedDeploymentAsync(stale, "racy", ns));

        Assert.Equal(System.Net.HttpStatusCode.Conflict, conflict.Response.StatusCode);
        Assert.Contains("the object has been modified", conflict.Response.Content);
        Assert.Equal(2, (await client.AppsV1.ReadNamespacedDeploymentAsync("racy", ns)).Spec.Replicas);
        await client.CoreV1.DeleteNamespaceAsync(ns);
    }

    private static V1Deployment Deployment(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec
                {
                    Containers = [new V1Container { Name = "main", Image = "sleep", Command = ["/bin/sh", "-c", "while true; do sleep 1; done"] }],
                },
            },
        },
    };
}

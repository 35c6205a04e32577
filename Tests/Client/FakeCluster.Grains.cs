using System.Collections.Immutable;
using OrleansKube.Api;
using OrleansKube.Grains;
using OrleansKube.Kinds;
using OrleansKube.Model;
using OrleansKube.Model.Deployments;
using OrleansKube.Model.Events;
using OrleansKube.Model.Namespaces;
using OrleansKube.Model.Nodes;
using OrleansKube.Model.Pods;
using OrleansKube.Serialization;

namespace OrleansKube.Tests.Client;

/// <summary>The grains <see cref="FakeCluster"/> hands out: each works on the cluster's objects under its key.</summary>
internal sealed partial class FakeCluster
{
    private class ObjectGrain<T>(FakeCluster cluster, string key) : IObjectGrain<T>
        where T : class, IKubeObject<T>
    {
        protected FakeCluster Cluster => cluster;

        protected string Key => key;

        private static ResourceInfo Resource => KindRegistry.For<T>().Resource;

        public Task<T?> GetAsync()
        {
            cluster.CountGet(Resource.Kind, key);
            return Task.FromResult(cluster.Get(Resource.Kind, key) as T);
        }

        public Task<T> CreateAsync(T obj) =>
            cluster.Find(Resource.Kind, key) is null
                ? Task.FromResult(cluster.Put(obj))
                : throw ApiException.AlreadyExists(Resource, ObjectKey.Parse(key).Name);

        public Task<ApplyResult<T>> ApplyAsync(T obj)
        {
            if (cluster.Find(Resource.Kind, key) is not T existing)
            {
                return Task.FromResult(new ApplyResult<T>(cluster.Put(obj), ApplyOutcome.Created));
            }

            if (KubeJson.SameJson(obj.Spec, existing.Spec) && KubeJson.SameJson(obj.Metadata.Labels, existing.Metadata.Labels))
            {
                return Task.FromResult(new ApplyResult<T>(existing, ApplyOutcome.Unchanged));
            }

            var updated = obj.WithStatusOf(existing).WithMetadata(obj.Metadata with { CreationTimestamp = existing.Metadata.CreationTimestamp });
            return Task.FromResult(new ApplyResult<T>(cluster.Put(updated), ApplyOutcome.Configured));
        }

        public Task<T> UpdateAsync(T obj) =>
            Task.FromResult(cluster.Update<T>(key, obj.Metadata.ResourceVersion, stored => obj.WithStatusOf(stored)
                .WithMetadata(stored.Metadata with { Labels = obj.Metadata.Labels, Annotations = obj.Metadata.Annotations })));

        public Task<T> UpdateStatusAsync(T obj) =>
            Task.FromResult(cluster.Update<T>(key, obj.Metadata.ResourceVersion, stored => stored.WithStatusOf(obj)));

        public Task<T> DeleteAsync(DeleteOptions? options = null) =>
            Task.FromResult(cluster.Delete(Resource.Kind, key) as T ?? throw ApiException.NotFound(Resource, ObjectKey.Parse(key).Name));
    }

    private sealed class PodGrain(FakeCluster cluster, string key) : ObjectGrain<Pod>(cluster, key), IPodGrain
    {
        public Task<Pod> BindAsync(PodBinding binding) => throw new NotSupportedException();

        public Task MarkUnschedulableAsync(string podUid, string message) => throw new NotSupportedException();

        public Task ReportStatusAsync(string podUid, string nodeName, PodStatus status) => throw new NotSupportedException();
    }

    private sealed class DeploymentGrain(FakeCluster cluster, string key) : ObjectGrain<Deployment>(cluster, key), IDeploymentGrain
    {
        private string Name => ObjectKey.Parse(Key).Name;

        public Task<Deployment> ScaleAsync(int replicas) =>
            Task.FromResult(Cluster.Update<Deployment>(Key, null, d => d with { Spec = d.Spec with { Replicas = replicas } }));

        public Task<Deployment> PauseAsync(bool paused) => Task.FromResult(Cluster.Update<Deployment>(Key, null, d =>
            (d.Spec.Paused == true) == paused
                ? throw new ApiException(ApiErrorReason.BadRequest, $"deployments.apps \"{Name}\" is {(paused ? "already paused" : "not paused")}")
                : d with { Spec = d.Spec with { Paused = paused ? true : null } }));

        public Task<Deployment> RollbackAsync(long? toRevision)
        {
            _ = Cluster.Find(Deployment.KindName, Key) ?? throw ApiException.NotFound(Resources.Deployments, Name);
            var revisions = Cluster.History(Key);
            var target = toRevision is { } wanted
                ? revisions.FirstOrDefault(r => r.Revision == wanted)
                  ?? throw new ApiException(ApiErrorReason.BadRequest, $"unable to find specified revision {wanted} in history")
                : revisions.Count >= 2
                    ? revisions[^2]
                    : throw new ApiException(ApiErrorReason.BadRequest, $"no rollout history found for deployment \"{Name}\"");
            return Task.FromResult(Cluster.Update<Deployment>(Key, null, d => d with { Spec = d.Spec with { Template = target.Template } }));
        }

        public Task<ImmutableList<DeploymentRevision>> GetHistoryAsync() => Task.FromResult(Cluster.History(Key));

        public Task DependentChangedAsync() => Task.CompletedTask;
    }

    private sealed class NodeGrain(FakeCluster cluster, string key) : ObjectGrain<Node>(cluster, key), INodeGrain
    {
        public Task AssignPodAsync(Pod pod) => throw new NotSupportedException();

        public Task ReleasePodAsync(string podKey, string podUid) => throw new NotSupportedException();

        public Task<IReadOnlyList<string>> GetPodsAsync() => Task.FromResult(Cluster.PodsOn(Key));

        public Task<NodeHeartbeatResult> HeartbeatAsync(NodeHeartbeat heartbeat) => throw new NotSupportedException();

        public Task<PodLogChunk> ReadPodLogsAsync(PodLogRequest request) => Task.FromResult(Cluster.ReadLog(Key, request));

        public Task<NodeMetrics?> GetMetricsAsync() => Task.FromResult(Cluster.MetricsOf(Key));

        public Task MarkUnreachableAsync(string message) => throw new NotSupportedException();

        public Task<int> EvictPodsAsync() => throw new NotSupportedException();
    }

    private sealed class NamespaceGrain(FakeCluster cluster, string key) : ObjectGrain<Namespace>(cluster, key), INamespaceGrain
    {
        public Task AdmitAsync(IKubeObject obj) => throw new NotSupportedException();

        public Task ObserveAsync(IKubeObject obj) => throw new NotSupportedException();

        public Task ForgetAsync(IKubeObject obj) => throw new NotSupportedException();

        public Task RecordEventAsync(Event @event)
        {
            Cluster.Record(@event with { Metadata = @event.Metadata with { Namespace = Key } });
            return Task.CompletedTask;
        }

        public Task<ObjectList> ListAsync(string kind, LabelSelector? selector) => Task.FromResult(Cluster.List(Key, kind, selector));

        public Task<ObjectList> ListPageAsync(string kind, LabelSelector? selector, int limit, string? continueToken) =>
            Task.FromResult(Cluster.ListPage(Key, kind, selector, limit, continueToken));

        public IAsyncEnumerable<WatchEvent> WatchAsync(string kind, string resourceVersion, LabelSelector? selector, CancellationToken cancellationToken = default) =>
            Cluster.Watch(Key, kind, resourceVersion, selector, cancellationToken);
    }

    private sealed class ClusterGrain(FakeCluster cluster) : IClusterGrain
    {
        public Task AdmitAsync(IKubeObject obj) => throw new NotSupportedException();

        public Task ObserveAsync(IKubeObject obj) => throw new NotSupportedException();

        public Task ForgetAsync(IKubeObject obj) => throw new NotSupportedException();

        public Task<ObjectList> ListAsync(string kind, LabelSelector? selector) => Task.FromResult(cluster.List(null, kind, selector));

        public Task<ObjectList> ListPageAsync(string kind, LabelSelector? selector, int limit, string? continueToken) =>
            Task.FromResult(cluster.ListPage(null, kind, selector, limit, continueToken));

        public IAsyncEnumerable<WatchEvent> WatchAsync(string kind, string resourceVersion, LabelSelector? selector, CancellationToken cancellationToken = default) =>
            cluster.Watch(null, kind, resourceVersion, selector, cancellationToken);
    }
}

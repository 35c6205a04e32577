namespace OrleansKube.Client.Cluster;

/// <summary>The cluster could not be reached, or stopped answering; the message is the one line <c>okube</c> prints.</summary>
internal sealed class ClusterUnreachableException(ClusterAddress address, string reason, Exception? inner = null)
    : Exception($"cannot reach the cluster {address.Description}: {reason}", inner);

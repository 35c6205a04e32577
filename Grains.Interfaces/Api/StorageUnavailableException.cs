namespace OrleansKube.Api;

/// <summary>
/// The cluster's grain storage could not read, write or clear a state, after its retries; the message names the storage,
/// the state, the grain and the last failure. It carries no inner exception, so it reaches clients that do not know the
/// storage's own exception types; the silo logs those.
/// </summary>
[GenerateSerializer, Alias("okube.StorageUnavailableException")]
public sealed class StorageUnavailableException(string message) : OrleansException(message);

using Azure;
using Azure.Data.Tables;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace OrleansKube.Silo.Storage;

/// <summary>
/// Grain storage in an Azure Table (or Azurite): one entity per grain state, partition = service and grain, row = state
/// name (see <see cref="TableKeys"/>), the state in Orleans' binary format laid out by <see cref="StateEntity"/>.
/// Writes and clears are conditional on the ETag the grain last read or wrote; a mismatch throws
/// <see cref="InconsistentStateException"/>. Clearing deletes the entity, so a cleared state leaves nothing behind.
/// </summary>
internal sealed class AzureTableGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly string _name;
    private readonly string _serviceId;
    private readonly AzureTableStorageOptions _options;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly ILogger _logger;
    private readonly TableClient _table;
    private readonly Lock _tableLock = new();
    private Task? _tableReady;

    public AzureTableGrainStorage(
        string name,
        string serviceId,
        AzureTableStorageOptions options,
        IGrainStorageSerializer serializer,
        IActivatorProvider activators,
        ILogger<AzureTableGrainStorage> logger)
    {
        // Checked here too, not only by the silo's validators: whoever builds the storage first gets the clear message.
        new AzureTableStorageOptionsValidator(name, options).ValidateConfiguration();
        _name = name;
        _serviceId = serviceId;
        _options = options;
        _serializer = serializer;
        _activators = activators;
        _logger = logger;
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = 0;
        clientOptions.Retry.NetworkTimeout = options.RequestTimeout;
        _table = new TableClient(options.ResolvedConnectionString, options.TableName, clientOptions);
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(AzureTableGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, _ => EnsureTableAsync());

    /// <summary>Creates the table if it is missing; once it succeeded, costs nothing. A failed attempt is retried by the next call.</summary>
    public Task EnsureTableAsync()
    {
        lock (_tableLock)
        {
            if (_tableReady is null || _tableReady.IsFaulted || _tableReady.IsCanceled)
            {
                _tableReady = TransientRetry.RunAsync(_options, _logger, $"{Storage}: creating the table", _ => _table.CreateIfNotExistsAsync());
            }

            return _tableReady;
        }
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureTableAsync();
        var (partition, row) = Keys(stateName, grainId);
        var entity = await ReadEntityAsync(partition, row, Operation("reading", stateName, grainId));
        if (entity is null)
        {
            Reset(grainState);
            return;
        }

        grainState.State = _serializer.Deserialize<T>(Unpack(entity, stateName, grainId));
        grainState.ETag = entity.ETag.ToString();
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureTableAsync();
        var (partition, row) = Keys(stateName, grainId);
        var operation = Operation("writing", stateName, grainId);
        var data = _serializer.Serialize(grainState.State);
        var entity = StateEntity.Create(partition, row, data.ToMemory(), out var storedBytes)
            ?? throw new OrleansException(
                $"{operation} failed: the state is {data.Length} bytes serialized, {storedBytes} as stored, " +
                $"more than the {StateEntity.MaxStoredBytes} bytes one table entity can hold.");
        var etag = grainState.ETag;
        grainState.ETag = await TransientRetry.RunAsync(_options, _logger, operation, async failures =>
        {
            try
            {
                var response = etag is null
                    ? await _table.AddEntityAsync(entity)
                    : await _table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace);
                return response.Headers.ETag?.ToString() ?? throw new OrleansException($"{operation}: the service answered without an ETag.");
            }
            catch (RequestFailedException exception) when (IsConflict(exception))
            {
                var stored = await ReadEntityAsync(partition, row, operation);
                // An earlier attempt may have been written though its answer was lost: then the stored state is ours.
                if (failures > 0 && stored is not null && Unpack(stored, stateName, grainId).ToMemory().Span.SequenceEqual(data.ToMemory().Span))
                {
                    return stored.ETag.ToString();
                }

                throw Conflict(operation, stored, etag);
            }
        });
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await EnsureTableAsync();
        var (partition, row) = Keys(stateName, grainId);
        var operation = Operation("clearing", stateName, grainId);
        var etag = grainState.ETag;
        if (etag is null)
        {
            // The grain knows of no stored state: clearing is right only if there is none.
            if (await ReadEntityAsync(partition, row, operation) is { } stored)
            {
                throw Conflict(operation, stored, etag);
            }
        }
        else
        {
            await TransientRetry.RunAsync(_options, _logger, operation, async failures =>
            {
                int status;
                try
                {
                    // The table client reports a missing entity as a 404 answer, not as an exception.
                    status = (await _table.DeleteEntityAsync(partition, row, new ETag(etag))).Status;
                }
                catch (RequestFailedException exception) when (IsConflict(exception))
                {
                    status = exception.Status;
                }

                // Gone after a lost answer to an earlier attempt is our own delete; gone at the first attempt, or
                // changed, means another writer got there first.
                if (status is 409 or 412 || (status == 404 && failures == 0))
                {
                    throw Conflict(operation, await ReadEntityAsync(partition, row, operation), etag);
                }

                return true;
            });
        }

        Reset(grainState);
    }

    private string Storage => $"Azure Table grain storage '{_name}' (table {_options.TableName})";

    private string Operation(string verb, string stateName, GrainId grainId) => $"{Storage}: {verb} state '{stateName}' of grain {grainId}";

    private (string Partition, string Row) Keys(string stateName, GrainId grainId) =>
        (TableKeys.PartitionKey(_serviceId, grainId), TableKeys.RowKey(stateName));

    private async Task<TableEntity?> ReadEntityAsync(string partition, string row, string operation)
    {
        var response = await TransientRetry.RunAsync(_options, _logger, operation, _ => _table.GetEntityIfExistsAsync<TableEntity>(partition, row));
        return response.HasValue ? response.Value : null;
    }

    private BinaryData Unpack(TableEntity entity, string stateName, GrainId grainId)
    {
        try
        {
            return StateEntity.Read(entity);
        }
        catch (InvalidDataException exception)
        {
            throw new OrleansException($"{Operation("reading", stateName, grainId)} failed: {exception.Message}", exception);
        }
    }

    private void Reset<T>(IGrainState<T> grainState)
    {
        grainState.State = _activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    // 412: the ETag no longer matches; 409: added where one exists; 404: updated or deleted where none is left. A
    // missing table is no conflict but a broken store.
    private static bool IsConflict(RequestFailedException exception) =>
        exception.Status is 409 or 412 || (exception.Status == 404 && exception.ErrorCode != "TableNotFound");

    // No inner exception: the service's own exception type does not reach clients, and the message says it all.
    private static InconsistentStateException Conflict(string operation, TableEntity? stored, string? expected)
    {
        var storedEtag = stored?.ETag.ToString() ?? "none";
        var message = $"{operation} failed: the stored state changed since this grain read it (stored ETag {storedEtag}, expected {expected ?? "none"}).";
        return new InconsistentStateException(message, storedEtag, expected ?? "none");
    }
}

using System.Collections.Concurrent;

namespace OrleansKube.Tests.Deployments;

/// <summary>
/// A reminder table that outlives a silo: one dictionary shared by every silo of an in-process test cluster,
/// standing in for a durable reminder store (Redis or a database in production).
/// </summary>
internal sealed class SharedReminderTable : IReminderTable
{
    private readonly ConcurrentDictionary<(GrainId Grain, string Name), ReminderEntry> _entries = new();

    public Task Init() => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Task.FromResult(new ReminderTableData(_entries.Values.Where(e => e.GrainId == grainId).ToList()));

    // The ring range (begin, end] of grain hashes; begin >= end wraps around.
    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        Task.FromResult(new ReminderTableData(_entries.Values.Where(e =>
        {
            var hash = e.GrainId.GetUniformHashCode();
            return begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;
        }).ToList()));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        Task.FromResult(_entries.GetValueOrDefault((grainId, reminderName)));

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        entry.ETag = Guid.NewGuid().ToString("N");
        _entries[(entry.GrainId, entry.ReminderName)] = entry;
        return Task.FromResult<string?>(entry.ETag);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        Task.FromResult(_entries.TryGetValue((grainId, reminderName), out var entry) && entry.ETag == eTag && _entries.TryRemove((grainId, reminderName), out _));

    public Task TestOnlyClearTable()
    {
        _entries.Clear();
        return Task.CompletedTask;
    }
}

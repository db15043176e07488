using MediBloc.Sdk.Crypto;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace MediBloc.Sdk.Outbox;

/// <summary>
/// An <see cref="IRecordOutbox"/> in memory. It survives a failed node but not a killed process: use it for
/// tests and throwaway sessions, and <see cref="FileRecordOutbox"/> wherever a record must not be lost.
/// </summary>
public partial class InMemoryRecordOutbox : IRecordOutbox
{
    private readonly ConcurrentDictionary<(EvmAddress Owner, Commitment Commitment), (PendingRecord Record, byte[] Envelope)> _entries = new();

    /// <inheritdoc/>
    public virtual Task SaveAsync(PendingRecord record, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        _entries[KeyOf(record)] = (record, envelope.ToArray());
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public virtual async IAsyncEnumerable<PendingRecord> ListAsync(EvmAddress owner, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var entry in _entries.Values.Where(e => e.Record.Owner == owner).OrderBy(e => e.Record.CreatedAt))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry.Record;
        }
    }

    /// <inheritdoc/>
    public virtual Task<byte[]?> ReadEnvelopeAsync(PendingRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Task.FromResult(_entries.TryGetValue(KeyOf(record), out var entry) ? (byte[]?)entry.Envelope.ToArray() : null);
    }

    /// <inheritdoc/>
    public virtual Task RemoveAsync(PendingRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        _entries.TryRemove(KeyOf(record), out _);
        return Task.CompletedTask;
    }

    private static (EvmAddress, Commitment) KeyOf(PendingRecord record) => (record.Owner, record.Commitment);
}

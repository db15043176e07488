using MediBloc.Sdk.Crypto;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace MediBloc.Sdk.Outbox;

public partial class InMemoryRecordOutbox
{
    private readonly ConcurrentDictionary<(EvmAddress Owner, string BatchId), (PendingBatch Batch, byte[][] Envelopes)> _batches = new();

    /// <inheritdoc/>
    public virtual Task SaveBatchAsync(PendingBatch batch, IReadOnlyList<ReadOnlyMemory<byte>> envelopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(envelopes);
        if (envelopes.Count != batch.Records.Count)
        {
            throw new ArgumentException($"The batch has {batch.Records.Count} records but {envelopes.Count} envelopes were given.", nameof(envelopes));
        }
        _batches[KeyOf(batch)] = (batch, envelopes.Select(e => e.ToArray()).ToArray());
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public virtual async IAsyncEnumerable<PendingBatch> ListBatchesAsync(EvmAddress owner, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        foreach (var entry in _batches.Values.Where(e => e.Batch.Owner == owner).OrderBy(e => e.Batch.CreatedAt))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry.Batch;
        }
    }

    /// <inheritdoc/>
    public virtual Task<IReadOnlyList<byte[]>?> ReadBatchEnvelopesAsync(PendingBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Task.FromResult(_batches.TryGetValue(KeyOf(batch), out var entry)
            ? (IReadOnlyList<byte[]>?)entry.Envelopes.Select(e => e.ToArray()).ToArray()
            : null);
    }

    /// <inheritdoc/>
    public virtual Task RemoveBatchAsync(PendingBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _batches.TryRemove(KeyOf(batch), out _);
        return Task.CompletedTask;
    }

    private static (EvmAddress, string) KeyOf(PendingBatch batch) => (batch.Owner, batch.BatchId.ToLowerInvariant());
}

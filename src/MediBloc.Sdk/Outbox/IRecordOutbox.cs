using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Outbox;

/// <summary>
/// Durable storage for records that are sealed but not yet anchored. Publishing writes the sealed envelope here
/// before it touches the content store or the chain, and removes it only once the anchor is confirmed, so a
/// process killed between any two steps can finish the job on restart with
/// <see cref="Roles.Patient.PatientClient.ResumePendingAsync"/>. Anchoring is idempotent by commitment, so finishing
/// twice anchors once.
/// </summary>
/// <remarks>
/// The envelope is already encrypted; the outbox holds no plaintext and no key. Implementations must make
/// <see cref="SaveAsync"/> durable before it returns (the built-in <see cref="FileRecordOutbox"/> flushes to
/// disk) and must be safe for concurrent use.
/// </remarks>
public interface IRecordOutbox
{
    /// <summary>Saves a pending record and its sealed envelope durably, replacing an entry with the same owner and commitment.</summary>
    /// <param name="record">The pending record.</param>
    /// <param name="envelope">The sealed envelope.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes once the entry is durable.</returns>
    /// <exception cref="StorageException">The outbox could not be written (code <see cref="MediBlocErrorCode.StorageError"/>).</exception>
    Task SaveAsync(PendingRecord record, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken = default);

    /// <summary>Lists the pending records of one owner, on any chain.</summary>
    /// <param name="owner">The owner's address.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The owner's pending records, oldest first.</returns>
    /// <exception cref="StorageException">The outbox could not be read.</exception>
    IAsyncEnumerable<PendingRecord> ListAsync(EvmAddress owner, CancellationToken cancellationToken = default);

    /// <summary>Reads a pending record's sealed envelope.</summary>
    /// <param name="record">The pending record.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The envelope, or <see langword="null"/> when the entry is gone.</returns>
    /// <exception cref="StorageException">The outbox could not be read.</exception>
    Task<byte[]?> ReadEnvelopeAsync(PendingRecord record, CancellationToken cancellationToken = default);

    /// <summary>Removes a record once it is anchored (a no-op when it is gone).</summary>
    /// <param name="record">The pending record.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes once the entry is removed.</returns>
    /// <exception cref="StorageException">The outbox could not be written.</exception>
    Task RemoveAsync(PendingRecord record, CancellationToken cancellationToken = default);
    /// <summary>
    /// Saves a whole batch and its members' sealed envelopes durably and atomically: after a crash either the whole
    /// batch is pending or none of it is. Replaces a batch with the same owner and id.
    /// </summary>
    /// <param name="batch">The pending batch.</param>
    /// <param name="envelopes">The members' sealed envelopes, in the order of <see cref="PendingBatch.Records"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes once the batch is durable.</returns>
    /// <remarks>The default implementation throws: an outbox of your own keeps batches only if it implements the four batch members.</remarks>
    /// <exception cref="StorageException">The outbox could not be written.</exception>
    /// <exception cref="NotSupportedException">This outbox does not keep batches.</exception>
    Task SaveBatchAsync(PendingBatch batch, IReadOnlyList<ReadOnlyMemory<byte>> envelopes, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(
            $"{GetType().Name} does not keep batches: implement IRecordOutbox.SaveBatchAsync, ListBatchesAsync, ReadBatchEnvelopesAsync and RemoveBatchAsync, or use FileRecordOutbox, to publish with PublishManyAsync.");

    /// <summary>Lists the pending batches of one owner, on any chain.</summary>
    /// <param name="owner">The owner's address.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The owner's pending batches, oldest first (none by default).</returns>
    /// <exception cref="StorageException">The outbox could not be read.</exception>
    IAsyncEnumerable<PendingBatch> ListBatchesAsync(EvmAddress owner, CancellationToken cancellationToken = default) => NoBatches(cancellationToken);

    /// <summary>Reads a pending batch's sealed envelopes.</summary>
    /// <param name="batch">The pending batch.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The envelopes in batch order, or <see langword="null"/> when the batch is gone.</returns>
    /// <exception cref="StorageException">The outbox could not be read.</exception>
    Task<IReadOnlyList<byte[]>?> ReadBatchEnvelopesAsync(PendingBatch batch, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<byte[]>?>(null);

    /// <summary>Removes a batch once it is anchored (a no-op when it is gone).</summary>
    /// <param name="batch">The pending batch.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes once the batch is removed.</returns>
    /// <exception cref="StorageException">The outbox could not be written.</exception>
    Task RemoveBatchAsync(PendingBatch batch, CancellationToken cancellationToken = default) => Task.CompletedTask;

    private static async IAsyncEnumerable<PendingBatch> NoBatches([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Task.CompletedTask.ConfigureAwait(false);
        yield break;
    }
}

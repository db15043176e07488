using MediBloc.Sdk.Crypto;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.Outbox;

/// <remarks>
/// Batches live apart from single records, under <c>&lt;owner&gt;/batches/</c>: one <c>&lt;batchId&gt;.envelopes</c>
/// file (every member's envelope, each preceded by its length as a 4-byte big-endian integer) written and flushed
/// first, then one <c>&lt;batchId&gt;.json</c> entry (format version 1) that makes the batch visible. Single-record
/// entries keep their format, so an outbox written by an earlier version reads unchanged.
/// </remarks>
public partial class FileRecordOutbox
{
    private const string BatchFolder = "batches";
    private const string BatchEnvelopesExtension = ".envelopes";
    private const int BatchFormatVersion = 1;

    /// <inheritdoc/>
    public virtual async Task SaveBatchAsync(PendingBatch batch, IReadOnlyList<ReadOnlyMemory<byte>> envelopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(envelopes);
        if (envelopes.Count != batch.Records.Count)
        {
            throw new ArgumentException($"The batch has {batch.Records.Count} records but {envelopes.Count} envelopes were given.", nameof(envelopes));
        }
        var (entryPath, envelopesPath) = BatchPathsOf(batch);
        var packed = new byte[envelopes.Sum(e => 4L + e.Length)];
        var offset = 0;
        foreach (var envelope in envelopes)
        {
            BinaryPrimitives.WriteInt32BigEndian(packed.AsSpan(offset), envelope.Length);
            envelope.Span.CopyTo(packed.AsSpan(offset + 4));
            offset += 4 + envelope.Length;
        }
        try
        {
            EnsurePrivateFolder(create: true);
            PrivateFiles.CreateFolder(Path.GetDirectoryName(entryPath)!);
            await WriteDurablyAsync(envelopesPath, packed, cancellationToken).ConfigureAwait(false);
            await WriteDurablyAsync(entryPath, JsonSerializer.SerializeToUtf8Bytes(new BatchEntry(BatchFormatVersion, batch), Json), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"The outbox in '{Directory}' could not be written: {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public virtual async IAsyncEnumerable<PendingBatch> ListBatchesAsync(EvmAddress owner, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(Directory, OwnerFolder(owner), BatchFolder);
        if (!EnsurePrivateFolderForReading() || !System.IO.Directory.Exists(folder))
        {
            yield break;
        }
        var batches = new List<PendingBatch>();
        foreach (var (path, entry) in await ReadEntriesAsync<BatchEntry>(folder, BatchEnvelopesExtension, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Version != BatchFormatVersion || entry.Batch is null)
            {
                throw new StorageException(
                    $"The outbox batch '{path}' has format version {entry.Version}, which this SDK does not read (it reads {BatchFormatVersion}); finish it with the SDK that wrote it.");
            }
            batches.Add(entry.Batch);
        }
        foreach (var batch in batches.OrderBy(b => b.CreatedAt))
        {
            yield return batch;
        }
    }

    /// <inheritdoc/>
    public virtual async Task<IReadOnlyList<byte[]>?> ReadBatchEnvelopesAsync(PendingBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        byte[]? packed;
        try
        {
            var path = BatchPathsOf(batch).Envelopes;
            packed = EnsurePrivateFolder(create: false) ? await ReadIfPresentAsync(path, cancellationToken).ConfigureAwait(false) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"The outbox in '{Directory}' could not be read: {ex.Message}", ex);
        }
        if (packed is null)
        {
            return null;
        }
        var envelopes = new List<byte[]>(batch.Records.Count);
        var offset = 0;
        while (offset < packed.Length)
        {
            var length = packed.Length - offset >= 4 ? BinaryPrimitives.ReadInt32BigEndian(packed.AsSpan(offset)) : -1;
            if (length < 0 || length > packed.Length - offset - 4)
            {
                throw new StorageException($"The outbox batch {batch.BatchId} in '{Directory}' is truncated; move it aside to continue.");
            }
            envelopes.Add(packed.AsSpan(offset + 4, length).ToArray());
            offset += 4 + length;
        }
        if (envelopes.Count != batch.Records.Count)
        {
            throw new StorageException($"The outbox batch {batch.BatchId} in '{Directory}' holds {envelopes.Count} envelopes for {batch.Records.Count} records; move it aside to continue.");
        }
        return envelopes;
    }

    /// <inheritdoc/>
    public virtual Task RemoveBatchAsync(PendingBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var (entryPath, envelopesPath) = BatchPathsOf(batch);
        try
        {
            if (!EnsurePrivateFolder(create: false))
            {
                return Task.CompletedTask;
            }

            // The entry goes first: envelopes left without their entry are an orphan, never a pending batch.
            File.Delete(entryPath);
            File.Delete(envelopesPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"The outbox in '{Directory}' could not be written: {ex.Message}", ex);
        }
        return Task.CompletedTask;
    }

    private (string Entry, string Envelopes) BatchPathsOf(PendingBatch batch)
    {
        var owner = OwnerFolder(batch.Owner);
        if (batch.BatchId.Length != 64 || !batch.BatchId.All(Uri.IsHexDigit))
        {
            throw new ArgumentException("The batch id must be 32 bytes of hex.", nameof(batch));
        }
        var stem = Path.Combine(Directory, owner, BatchFolder, batch.BatchId.ToLowerInvariant());
        return (stem + EntryExtension, stem + BatchEnvelopesExtension);
    }

    private sealed record BatchEntry(int Version, PendingBatch Batch);
}

using System.Diagnostics;
using MediBloc.Sdk.Batches;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Records;

internal sealed partial class RecordPublisher
{
    /// <summary>How many envelopes go to the content store in one request.</summary>
    private const int StoreChunk = 64;

    /// <summary>How many of those requests run at once.</summary>
    private const int StoreConcurrency = 4;

    /// <summary>Finishes the batches of this patient that wait in the outbox for the client's chain and registry.</summary>
    private async Task ResumeBatchesAsync(long chainId, List<PublishedRecord> finished, List<ResumeFailure> failed, CancellationToken cancellationToken)
    {
        await foreach (var batch in _client.Outbox.ListBatchesAsync(Address, cancellationToken).ConfigureAwait(false))
        {
            if (batch.ChainId != chainId || batch.RegistryAddress != _client.RecordRegistryAddress)
            {
                continue;
            }
            var envelopes = await _client.Outbox.ReadBatchEnvelopesAsync(batch, cancellationToken).ConfigureAwait(false);
            if (envelopes is null)
            {
                // Gone between listing and reading: a concurrent resume finished it (the entry is removed first).
                continue;
            }
            try
            {
                CheckBatchEnvelopesMatch(batch, envelopes);
                finished.AddRange(await CompleteBatchAsync(batch, envelopes.Select(e => (ReadOnlyMemory<byte>)e).ToList(), mayBeAnchored: true, cancellationToken).ConfigureAwait(false));
            }
            catch (MediBlocException ex) when (IsPerEntry(ex))
            {
                // The batch is one anchor: every record of it waits (and is reported) alike.
                foreach (var record in batch.Records)
                {
                    failed.Add(new ResumeFailure(record.Commitment, ex.Cid, OwnerOf(batch), batch.BatchId, ex.Message, ex, LeftOutbox: ex is AccessDeniedException && OwnerOf(batch) != Address));
                }
                SdkLog.LeftInOutbox(_client.Logger, "batch " + batch.BatchId, ex.Code.ToString(), ex);
            }
        }
    }

    /// <summary>
    /// Refuses a batch whose envelopes on disk are not the ones sealed for its entry (one replaced, damaged or moved):
    /// its root would anchor commitments over envelopes that hold other records. Every envelope is checked like a
    /// single record's (length, then opened and its commitment recomputed).
    /// </summary>
    private void CheckBatchEnvelopesMatch(PendingBatch batch, IReadOnlyList<byte[]> envelopes)
    {
        if (envelopes.Count != batch.Records.Count)
        {
            throw new IntegrityException(
                $"The outbox batch {batch.BatchId} holds {envelopes.Count} envelopes for {batch.Records.Count} records: it was damaged; the batch stays in the outbox for inspection.",
                IntegrityCheck.Format);
        }
        for (var i = 0; i < envelopes.Count; i++)
        {
            try
            {
                CheckEnvelopeMatches(batch.Records[i], envelopes[i]);
            }
            catch (IntegrityException ex)
            {
                throw new IntegrityException($"Record {i} of the outbox batch {batch.BatchId}: {ex.Message}", ex.Check, ex);
            }
        }
    }

    /// <summary>
    /// Publishes a sealed batch outbox-first: saves it, then stores and anchors it (<see cref="CompleteBatchAsync"/>). A
    /// batch that cannot finish stays in the outbox, logged, and the failure is rethrown.
    /// </summary>
    public async Task<IReadOnlyList<PublishedRecord>> PublishBatchAsync(PendingBatch batch, IReadOnlyList<ReadOnlyMemory<byte>> envelopes, CancellationToken cancellationToken)
    {
        await _client.Outbox.SaveBatchAsync(batch, envelopes, cancellationToken).ConfigureAwait(false);
        SdkMetrics.OutboxChanged(batch.Records.Count);
        SdkLog.BatchSealed(_client.Logger, envelopes.Count, envelopes.Sum(e => (long)e.Length), batch.BatchId);
        try
        {
            return await CompleteBatchAsync(batch, envelopes, mayBeAnchored: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MediBlocException or OperationCanceledException)
        {
            SdkLog.BatchLeftInOutbox(_client.Logger, batch.BatchId, ex.GetType().Name, ex);
            throw;
        }
    }

    /// <summary>The steps after the outbox: store every envelope, store the manifest, anchor the root (unless already anchored by us), remove the batch.</summary>
    public async Task<IReadOnlyList<PublishedRecord>> CompleteBatchAsync(
        PendingBatch batch, IReadOnlyList<ReadOnlyMemory<byte>> envelopes, bool mayBeAnchored, CancellationToken cancellationToken)
    {
        var registry = await _client.GetRegistryAsync(_signer).ConfigureAwait(false);
        // Puts go in chunks (one request each where the store can, e.g. one ipfs add for many files), a few at once.
        var cids = new ContentId[envelopes.Count];
        var chunks = Enumerable.Range(0, (envelopes.Count + StoreChunk - 1) / StoreChunk);
        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = StoreConcurrency, CancellationToken = cancellationToken },
            async (chunk, token) =>
            {
                var start = chunk * StoreChunk;
                var part = envelopes.Skip(start).Take(StoreChunk).ToList();
                var stored = await _client.ContentStore.PutManyAsync(part, token).ConfigureAwait(false);
                SdkMetrics.BytesStored(part.Sum(e => (long)e.Length));
                for (var i = 0; i < part.Count; i++)
                {
                    cids[start + i] = stored[i];
                }
            }).ConfigureAwait(false);
        var tree = RecordBatch.Create(batch.Records.Select((r, i) => new BatchRecord(r.Commitment, cids[i].ToString(), r.ContentType)));

        // Finishing after a crash: the root may already be anchored (by us); anchoring is idempotent by root.
        var existing = mayBeAnchored ? await FindBatchAsync(registry, batch, tree, cancellationToken).ConfigureAwait(false) : null;
        if (existing is not null)
        {
            await _client.Outbox.RemoveBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            SdkMetrics.OutboxChanged(-batch.Records.Count);
            return ToPublished(batch, tree, existing.Value.ManifestCid, existing.Value.Anchor);
        }

        ContentId manifestCid;
        using (var stream = new MemoryStream(BatchManifest.From(tree).ToBytes(), writable: false))
        {
            manifestCid = await _client.ContentStore.PutAsync(stream, cancellationToken).ConfigureAwait(false);
            SdkMetrics.BytesStored(stream.Length);
        }

        BatchAnchorResult anchor;
        try
        {
            anchor = OwnerOf(batch) == Address
                ? await registry.AnchorBatchAsync(tree, manifestCid.ToString(), cancellationToken).ConfigureAwait(false)
                : await AnchorAuthoredBatchAsync(registry, batch, tree, manifestCid, cancellationToken).ConfigureAwait(false);
        }
        catch (ChainException ex)
        {
            if (mayBeAnchored && ex.Code != MediBlocErrorCode.NodeUnavailable
                && await FindBatchAsync(registry, batch, tree, cancellationToken).ConfigureAwait(false) is { } raced)
            {
                await _client.Outbox.RemoveBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                SdkMetrics.OutboxChanged(-batch.Records.Count);
                return ToPublished(batch, tree, raced.ManifestCid, raced.Anchor);
            }
            throw new ChainException(
                $"The batch of {tree.Count} sealed records (root {tree.Root}) is stored, with its manifest {manifestCid}, and waits in the outbox, but anchoring it failed: {ex.Message} Call ResumePendingAsync to finish it; do not publish the content again.",
                ex.Code, ex)
            {
                Cid = manifestCid.ToString(),
                TransactionHash = ex.TransactionHash,
                Endpoint = ex.Endpoint,
                RevertError = ex.RevertError,
                RevertArguments = ex.RevertArguments,
            };
        }
        await _client.Outbox.RemoveBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        SdkMetrics.OutboxChanged(-batch.Records.Count);
        _client.Batches.Add(new BatchAnchoredEvent(tree.Root, OwnerOf(batch), tree.Count, manifestCid.ToString(), anchor.AnchoredAt, anchor.TransactionHash, anchor.BlockNumber), tree);
        SdkLog.BatchPublished(_client.Logger, tree.Count, tree.Root, manifestCid.ToString(), anchor.BlockNumber, anchor.GasUsed);
        SdkMetrics.RecordsPublished(tree.Count, batch: true);
        SdkMetrics.GasUsed(anchor.GasUsed);
        return ToPublished(batch, tree, manifestCid, anchor);
    }

    /// <summary>The batch as anchored by this patient, or null when its root is not anchored.</summary>
    private async Task<(ContentId ManifestCid, BatchAnchorResult Anchor)?> FindOwnBatchAsync(RecordRegistryClient registry, RecordBatch tree, CancellationToken cancellationToken)
    {
        var onChain = await registry.GetBatchAsync(Address, tree.Root, cancellationToken).ConfigureAwait(false);
        if (onChain is null)
        {
            return null;
        }
        if (onChain.Owner != Address)
        {
            throw new ChainException(
                $"The batch root {tree.Root} waiting in the outbox was anchored by another account ({onChain.Owner}); the batch stays in the outbox for inspection.",
                MediBlocErrorCode.TransactionReverted)
            {
                RevertError = "BatchAlreadyAnchored",
            };
        }
        return await ReadBatchAnchorAsync(registry, tree, Address, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The manifest CID and anchor facts of a batch already anchored under <paramref name="owner"/>, from its <c>BatchAnchored</c> event.</summary>
    private async Task<(ContentId ManifestCid, BatchAnchorResult Anchor)> ReadBatchAnchorAsync(RecordRegistryClient registry, RecordBatch tree, EvmAddress owner, CancellationToken cancellationToken)
    {
        await foreach (var anchored in registry.GetBatchAnchoredEventsAsync(tree.Root, owner, 0, cancellationToken).ConfigureAwait(false))
        {
            var gasUsed = await _client.GetGasUsedAsync(_signer, anchored.TransactionHash, cancellationToken).ConfigureAwait(false);
            _client.Batches.Add(anchored, tree);
            return (ContentId.Parse(anchored.ManifestCid), new BatchAnchorResult(tree.Root, tree.Count, anchored.TransactionHash, anchored.BlockNumber, gasUsed, anchored.AnchoredAt));
        }
        throw new ChainException($"The batch root {tree.Root} is anchored but its BatchAnchored event was not found; the node may prune logs.", MediBlocErrorCode.ChainError);
    }

    private List<PublishedRecord> ToPublished(PendingBatch batch, RecordBatch tree, ContentId manifestCid, BatchAnchorResult anchor) =>
        tree.Records.Select((r, i) => new PublishedRecord(
            ContentId.Parse(r.Cid), r.Commitment, r.ContentType, OwnerOf(batch), anchor.TransactionHash, anchor.BlockNumber, anchor.GasUsed, anchor.AnchoredAt, batch.Records[i].EnvelopeLength)
        {
            Batch = new BatchInclusion(tree.Root, manifestCid, r, tree.GetProof(i)),
        }).ToList();
}

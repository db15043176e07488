using System.Diagnostics;
using System.Runtime.ExceptionServices;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Batches;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Records;

namespace MediBloc.Sdk.Roles.Patient;

public partial class PatientClient
{
    /// <summary>How many envelopes go to the content store in one request.</summary>
    private const int StoreChunk = 64;

    /// <summary>How many of those requests run at once.</summary>
    private const int StoreConcurrency = 4;

    /// <summary>
    /// Publishes many records at once. Each is sealed under its own data key (in parallel, across cores) for the
    /// patient and its own readers. From <see cref="MediBlocClientOptions.BatchAnchorThreshold"/> records on, the whole
    /// set is saved in the outbox as one batch, every envelope is put into the content store, a batch manifest listing
    /// each record's commitment, CID and content type is stored beside them, and one Merkle root over the records is
    /// anchored in one transaction (<c>anchorBatch</c>, the manifest's CID in the <c>BatchAnchored</c> event). Below
    /// the threshold each record is published as by <see cref="PublishAsync"/>.
    /// </summary>
    /// <param name="records">The records, in the order the results come back.</param>
    /// <param name="cancellationToken">Cancels the operation; a batch already in the outbox stays there.</param>
    /// <returns>
    /// One result per record, in input order. A batch-anchored record carries <see cref="PublishedRecord.Batch"/>: the
    /// root, the manifest's CID and its inclusion proof; its transaction, block and gas are those of the batch anchor.
    /// </returns>
    /// <remarks>
    /// A batch is crash-safe as a whole: it is written to the outbox atomically before anything is stored, and it
    /// leaves the outbox only once its root is anchored. If the process dies, a node is down or the call is cancelled
    /// after that, <see cref="ResumePendingAsync"/> rebuilds the same tree and anchors the root exactly once. Records
    /// anchored in a batch open, list and share like any other (see <see cref="MediBloc.Sdk.Roles.Provider.ProviderClient.OpenAsync(ContentId, CancellationToken)"/>).
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="records"/> or an element is null.</exception>
    /// <exception cref="ArgumentException">A content type is empty or too long for the envelope.</exception>
    /// <exception cref="StorageException">
    /// The outbox could not be written (nothing was published), or the content store failed or is down (the batch
    /// waits in the outbox; <see cref="ResumePendingAsync"/> finishes it).
    /// </exception>
    /// <exception cref="NotSupportedException">The configured <see cref="MediBlocClientOptions.Outbox"/> does not keep batches.</exception>
    /// <exception cref="ChainException">
    /// The anchor failed (node down, revert). The envelopes and the manifest are stored (<see cref="MediBlocException.Cid"/>
    /// names the manifest) and the batch waits in the outbox; <see cref="ResumePendingAsync"/> anchors it.
    /// </exception>
    public virtual async Task<IReadOnlyList<PublishedRecord>> PublishManyAsync(IEnumerable<RecordToPublish> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var items = records.ToList();
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(records));
            ArgumentException.ThrowIfNullOrWhiteSpace(item.ContentType, nameof(records));
        }
        using var activity = ChainDiagnostics.Source.StartActivity("PatientClient.PublishMany");
        activity?.SetTag("medibloc.records", items.Count);
        activity?.SetTag("medibloc.bytes", items.Sum(i => (long)i.Content.Length));
        try
        {
            if (items.Count < _client.Options.BatchAnchorThreshold)
            {
                var singles = new List<PublishedRecord>(items.Count);
                foreach (var item in items)
                {
                    singles.Add(await PublishAsync(item.Content, item.ContentType, item.ShareWith, cancellationToken).ConfigureAwait(false));
                }
                return singles;
            }

            var sealedRecords = SealAll(items, cancellationToken);
            var chainId = await _client.GetChainIdAsync().ConfigureAwait(false);
            var createdAt = DateTimeOffset.UtcNow;
            var members = sealedRecords
                .Select((s, i) => new PendingRecord(Address, ToHex(s.Commitment.Span), items[i].ContentType, chainId, _client.RecordRegistryAddress, s.Envelope.Length, createdAt))
                .ToList();
            var batch = new PendingBatch(Address, PendingBatch.ComputeBatchId(members.Select(m => m.Commitment)), chainId, _client.RecordRegistryAddress, members, createdAt);
            var envelopes = sealedRecords.Select(s => s.Envelope).ToList();
            await _client.Outbox.SaveBatchAsync(batch, envelopes, cancellationToken).ConfigureAwait(false);
            SdkLog.BatchSealed(_client.Logger, items.Count, envelopes.Sum(e => (long)e.Length), batch.BatchId);
            try
            {
                var published = await CompleteBatchAsync(batch, envelopes, mayBeAnchored: false, cancellationToken).ConfigureAwait(false);
                activity?.SetTag("medibloc.root", published[0].Batch!.Root);
                return published;
            }
            catch (Exception ex) when (ex is MediBlocException or OperationCanceledException)
            {
                SdkLog.BatchLeftInOutbox(_client.Logger, batch.BatchId, ex.GetType().Name, ex);
                throw;
            }
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    /// <summary>Lists this patient's batches that wait in the outbox, on any chain.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The pending batches, oldest first.</returns>
    /// <exception cref="StorageException">The outbox could not be read.</exception>
    public virtual IAsyncEnumerable<PendingBatch> GetPendingBatchesAsync(CancellationToken cancellationToken = default) =>
        _client.Outbox.ListBatchesAsync(Address, cancellationToken);

    /// <summary>Finishes the batches of this patient that wait in the outbox for the client's chain and registry.</summary>
    private async Task ResumeBatchesAsync(long chainId, List<PublishedRecord> finished, List<ResumeFailure> failed, CancellationToken cancellationToken)
    {
        await foreach (var batch in _client.Outbox.ListBatchesAsync(Address, cancellationToken).ConfigureAwait(false))
        {
            if (batch.ChainId != chainId || !string.Equals(batch.RegistryAddress, _client.RecordRegistryAddress, StringComparison.OrdinalIgnoreCase))
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
                    failed.Add(new ResumeFailure(record.Commitment, ex.Cid, Address, batch.BatchId, ex.Message, ex, LeftOutbox: false));
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

    /// <summary>The steps after the outbox: store every envelope, store the manifest, anchor the root (unless already anchored by us), remove the batch.</summary>
    private async Task<IReadOnlyList<PublishedRecord>> CompleteBatchAsync(
        PendingBatch batch, IReadOnlyList<ReadOnlyMemory<byte>> envelopes, bool mayBeAnchored, CancellationToken cancellationToken)
    {
        var registry = await _client.GetRegistryAsync(_key).ConfigureAwait(false);
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
                for (var i = 0; i < part.Count; i++)
                {
                    cids[start + i] = stored[i];
                }
            }).ConfigureAwait(false);
        var tree = RecordBatch.Create(batch.Records.Select((r, i) => new BatchRecord(Convert.FromHexString(r.Commitment.AsSpan(2)), cids[i].ToString(), r.ContentType)));

        // Finishing after a crash: the root may already be anchored (by us); anchoring is idempotent by root.
        var existing = mayBeAnchored ? await FindOwnBatchAsync(registry, tree, cancellationToken).ConfigureAwait(false) : null;
        if (existing is not null)
        {
            await _client.Outbox.RemoveBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            return ToPublished(batch, tree, existing.Value.ManifestCid, existing.Value.Anchor);
        }

        ContentId manifestCid;
        using (var stream = new MemoryStream(BatchManifest.From(tree).ToBytes(), writable: false))
        {
            manifestCid = await _client.ContentStore.PutAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        BatchAnchorResult anchor;
        try
        {
            anchor = await registry.AnchorBatchAsync(tree, manifestCid.ToString(), cancellationToken).ConfigureAwait(false);
        }
        catch (ChainException ex)
        {
            if (mayBeAnchored && ex.Code != MediBlocErrorCode.NodeUnavailable
                && await FindOwnBatchAsync(registry, tree, cancellationToken).ConfigureAwait(false) is { } raced)
            {
                await _client.Outbox.RemoveBatchAsync(batch, cancellationToken).ConfigureAwait(false);
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
        BatchDirectory.Of(_client).Add(new BatchAnchoredEvent(tree.Root, Address, tree.Count, manifestCid.ToString(), anchor.AnchoredAt, anchor.TransactionHash, anchor.BlockNumber), tree);
        SdkLog.BatchPublished(_client.Logger, tree.Count, tree.Root, manifestCid.ToString(), anchor.BlockNumber, anchor.GasUsed);
        return ToPublished(batch, tree, manifestCid.ToString(), anchor);
    }

    /// <summary>The batch as anchored by this patient, or null when its root is not anchored.</summary>
    private async Task<(string ManifestCid, BatchAnchorResult Anchor)?> FindOwnBatchAsync(RecordRegistryClient registry, RecordBatch tree, CancellationToken cancellationToken)
    {
        var onChain = await registry.GetBatchAsync(Address, tree.Root, cancellationToken).ConfigureAwait(false);
        if (onChain is null)
        {
            return null;
        }
        if (!string.Equals(onChain.Owner, Address, StringComparison.OrdinalIgnoreCase))
        {
            throw new ChainException(
                $"The batch root {tree.Root} waiting in the outbox was anchored by another account ({onChain.Owner}); the batch stays in the outbox for inspection.",
                MediBlocErrorCode.TransactionReverted)
            {
                RevertError = "BatchAlreadyAnchored",
            };
        }
        await foreach (var anchored in registry.GetBatchAnchoredEventsAsync(tree.Root, Address, 0, cancellationToken).ConfigureAwait(false))
        {
            var gasUsed = await _client.GetGasUsedAsync(_key, anchored.TransactionHash, cancellationToken).ConfigureAwait(false);
            BatchDirectory.Of(_client).Add(anchored, tree);
            return (anchored.ManifestCid, new BatchAnchorResult(tree.Root, tree.Count, anchored.TransactionHash, anchored.BlockNumber, gasUsed, anchored.AnchoredAt));
        }
        throw new ChainException($"The batch root {tree.Root} is anchored but its BatchAnchored event was not found; the node may prune logs.", MediBlocErrorCode.ChainError);
    }

    private List<PublishedRecord> ToPublished(PendingBatch batch, RecordBatch tree, string manifestCid, BatchAnchorResult anchor) =>
        tree.Records.Select((r, i) => new PublishedRecord(
            ContentId.Parse(r.Cid), r.Commitment, r.ContentType, Address, anchor.TransactionHash, anchor.BlockNumber, anchor.GasUsed, anchor.AnchoredAt, batch.Records[i].EnvelopeLength)
        {
            Batch = new BatchInclusion(tree.Root, manifestCid, r, tree.GetProof(i)),
        }).ToList();

    /// <summary>Seals every record under its own data key, spread over the cores (sealing is CPU work).</summary>
    private SealedEnvelope[] SealAll(List<RecordToPublish> items, CancellationToken cancellationToken)
    {
        var sealedRecords = new SealedEnvelope[items.Count];
        try
        {
            Parallel.For(0, items.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                sealedRecords[i] = RecordEnvelope.Seal(items[i].Content.Span, items[i].ContentType, RecipientsOf(items[i].ShareWith)));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
        return sealedRecords;
    }

    /// <summary>The patient first, then each reader once.</summary>
    private List<Secp256k1PublicKey> RecipientsOf(IEnumerable<Secp256k1PublicKey>? shareWith)
    {
        var recipients = new List<Secp256k1PublicKey> { _key.PublicKey };
        foreach (var r in shareWith ?? [])
        {
            ArgumentNullException.ThrowIfNull(r, nameof(shareWith));
            if (!recipients.Contains(r))
            {
                recipients.Add(r);
            }
        }
        return recipients;
    }

    private static string ToHex(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexString(bytes).ToLowerInvariant();
    /// <summary>The records of this patient's anchored batches not in <paramref name="seen"/>, as anchor events (the batch's transaction and time).</summary>
    /// <remarks>A batch whose manifest cannot be used is skipped and added to <paramref name="skipped"/> (when given).</remarks>
    private async Task<List<RecordAnchoredEvent>> GetOwnBatchRecordsAsync(RecordRegistryClient registry, HashSet<string> seen, List<ManifestProblem>? skipped, CancellationToken cancellationToken)
    {
        var directory = BatchDirectory.Of(_client);
        await directory.ScanAsync(_client, registry, Address, cancellationToken).ConfigureAwait(false);
        skipped?.AddRange(directory.ProblemsOf(Address));
        var records = new List<RecordAnchoredEvent>();
        foreach (var batch in directory.OfOwner(Address))
        {
            for (var i = 0; i < batch.Tree.Count; i++)
            {
                var r = batch.Tree.Records[i];
                if (seen.Add(r.Commitment))
                {
                    records.Add(new RecordAnchoredEvent(ToHex(RecordRegistryClient.ComputeRecordId(batch.Anchor.Owner, Convert.FromHexString(r.Commitment.AsSpan(2)))), r.Commitment, batch.Anchor.Owner, r.Cid, r.ContentType, batch.Anchor.AnchoredAt, batch.Anchor.TransactionHash, batch.Anchor.BlockNumber, i));
                }
            }
        }
        return records;
    }

    /// <summary>
    /// Registers on their own the records of <paramref name="records"/> that are anchored only in one of this patient's
    /// batches (same commitment, CID and content type), because grants, audited reads and consents look records up on
    /// chain one by one, by record id. Each is registered from its batch proof under this patient's own record id, so a
    /// copy of its commitment that another account anchored from the public manifest changes nothing.
    /// </summary>
    private async Task RegisterBatchRecordsAsync(IReadOnlyList<RecordAnchoredEvent> records, CancellationToken cancellationToken)
    {
        // One after the other: a chain without a mempool (the embedded one) refuses a nonce ahead of the last mined one.
        var registry = await _client.GetRegistryAsync(_key).ConfigureAwait(false);
        var directory = BatchDirectory.Of(_client);
        foreach (var record in records)
        {
            var commitment = Convert.FromHexString(record.Commitment.AsSpan(2));
            var anchored = await registry.GetRecordAsync(Address, commitment, cancellationToken).ConfigureAwait(false);
            if (anchored is not null)
            {
                continue;
            }
            var (batch, index) = directory.Find(record.Commitment).FirstOrDefault(f => string.Equals(f.Batch.Anchor.Owner, Address, StringComparison.OrdinalIgnoreCase));
            if (batch is null)
            {
                continue;
            }
            await registry.RegisterFromBatchAsync(batch.Tree.Root, batch.Tree.Records[index], batch.Tree.GetProof(index), cancellationToken).ConfigureAwait(false);
        }
    }
}

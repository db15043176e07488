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
    /// <exception cref="QuotaExceededException">The records do not fit in the patient's on-chain storage quota; in a batch
    /// nothing was stored or anchored, below <see cref="MediBlocClientOptions.BatchAnchorThreshold"/> the records before the
    /// one that did not fit were published.</exception>
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
        return await ChainDiagnostics.TraceAsync<IReadOnlyList<PublishedRecord>>("PatientClient.PublishMany", async activity =>
        {
            activity?.SetTag(MediBlocDiagnostics.Tags.Records, items.Count);
            activity?.SetTag(MediBlocDiagnostics.Tags.Bytes, items.Sum(i => (long)i.Content.Length));
            if (items.Count < _client.Settings.BatchAnchorThreshold)
            {
                var singles = new List<PublishedRecord>(items.Count);
                foreach (var item in items)
                {
                    singles.Add(await PublishAsync(item.Content, item.ContentType, item.ShareWith, cancellationToken).ConfigureAwait(false));
                }
                return singles;
            }

            var sealedRecords = SealAll(items, cancellationToken);
            await _client.Quota.ReserveAsync(
                _client, _signer, Address, sealedRecords.Select(s => s.Commitment).ToList(), sealedRecords.Sum(s => (long)s.Envelope.Length), cancellationToken).ConfigureAwait(false);
            var chainId = await _client.GetChainIdAsync().ConfigureAwait(false);
            var createdAt = DateTimeOffset.UtcNow;
            var members = sealedRecords
                .Select((s, i) => new PendingRecord(Address, s.Commitment, items[i].ContentType, chainId, _client.RecordRegistryAddress, s.Envelope.Length, createdAt))
                .ToList();
            var batch = new PendingBatch(Address, PendingBatch.ComputeBatchId(members.Select(m => m.Commitment)), chainId, _client.RecordRegistryAddress, members, createdAt);
            var published = await Publisher.PublishBatchAsync(batch, sealedRecords.Select(s => s.Envelope).ToList(), cancellationToken).ConfigureAwait(false);
            activity?.SetTag(MediBlocDiagnostics.Tags.Root, published[0].Batch!.Root);
            return published;
        }).ConfigureAwait(false);
    }

    /// <summary>Lists this patient's batches that wait in the outbox, on any chain.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The pending batches, oldest first.</returns>
    /// <exception cref="StorageException">The outbox could not be read.</exception>
    public virtual IAsyncEnumerable<PendingBatch> GetPendingBatchesAsync(CancellationToken cancellationToken = default) =>
        _client.Outbox.ListBatchesAsync(Address, cancellationToken);

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
        var recipients = new List<Secp256k1PublicKey> { _signer.PublicKey };
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

    /// <summary>The records of this patient's anchored batches not in <paramref name="seen"/>, as anchor events (the batch's transaction and time).</summary>
    /// <remarks>A batch whose manifest cannot be used is skipped and added to <paramref name="skipped"/> (when given).</remarks>
    private async Task<List<RecordAnchoredEvent>> GetOwnBatchRecordsAsync(RecordRegistryClient registry, HashSet<Commitment> seen, List<ManifestProblem>? skipped, CancellationToken cancellationToken)
    {
        var directory = _client.Batches;
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
                    records.Add(new RecordAnchoredEvent(RecordId.Of(batch.Anchor.Owner, r.Commitment), r.Commitment, batch.Anchor.Owner, r.Cid, r.ContentType, batch.Anchor.AnchoredAt, batch.Anchor.TransactionHash, batch.Anchor.BlockNumber, i));
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
        var registry = await _client.GetRegistryAsync(_signer).ConfigureAwait(false);
        var directory = _client.Batches;
        foreach (var record in records)
        {
            var commitment = record.Commitment;
            var anchored = await registry.GetRecordAsync(Address, commitment, cancellationToken).ConfigureAwait(false);
            if (anchored is not null)
            {
                continue;
            }
            var (batch, index) = directory.Find(record.Commitment).FirstOrDefault(f => f.Batch.Anchor.Owner == Address);
            if (batch is null)
            {
                continue;
            }
            await registry.RegisterFromBatchAsync(batch.Tree.Root, batch.Tree.Records[index], batch.Tree.GetProof(index), cancellationToken).ConfigureAwait(false);
        }
    }
}

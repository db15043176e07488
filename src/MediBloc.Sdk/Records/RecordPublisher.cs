using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Batches;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Contracts.AccessGrants;

namespace MediBloc.Sdk.Records;

/// <summary>
/// The publish pipeline after the seal, for every role that anchors records: the outbox entry is stored, anchored
/// (on the owner's own record or, for a provider's write, into the patient's) and removed, exactly once even after a
/// crash, an outage or a concurrent resume; <see cref="ResumeAsync"/> finishes whatever one key left in the outbox.
/// </summary>
internal sealed partial class RecordPublisher
{
    private readonly ClientContext _client;
    private readonly MediBlocSigner _signer;

    public RecordPublisher(ClientContext client, MediBlocSigner signer)
    {
        _client = client;
        _signer = signer;
    }

    private EvmAddress Address => _signer.Address;

    public async Task<ResumeReport> ResumeAsync(CancellationToken cancellationToken)
    {
        return await ChainDiagnostics.TraceAsync("PatientClient.ResumePending", async activity =>
        {
            var chainId = await _client.GetChainIdAsync().ConfigureAwait(false);
            var finished = new List<PublishedRecord>();
            var failed = new List<ResumeFailure>();
            await foreach (var pending in _client.Outbox.ListAsync(Address, cancellationToken).ConfigureAwait(false))
            {
                if (pending.ChainId != chainId || pending.RegistryAddress != _client.RecordRegistryAddress)
                {
                    continue;
                }
                try
                {
                    finished.Add(await ResumeOneAsync(pending, cancellationToken).ConfigureAwait(false));
                }
                catch (MediBlocException ex) when (IsPerEntry(ex))
                {
                    var leftOutbox = ex is AccessDeniedException && pending.WrittenFor is not null;
                    failed.Add(new ResumeFailure(pending.Commitment, ex.Cid, pending.WrittenFor ?? Address, null, ex.Message, ex, leftOutbox));
                    SdkLog.LeftInOutbox(_client.Logger, pending.Commitment.ToString(), ex.Code.ToString(), ex);
                }
            }
            await ResumeBatchesAsync(chainId, finished, failed, cancellationToken).ConfigureAwait(false);
            activity?.SetTag(MediBlocDiagnostics.Tags.Records, finished.Count);
            activity?.SetTag(MediBlocDiagnostics.Tags.Failed, failed.Count);
            if (finished.Count > 0)
            {
                SdkLog.Resumed(_client.Logger, finished.Count);
            }
            return new ResumeReport(finished, failed);
        }).ConfigureAwait(false);
    }

    /// <summary>Whether a failure concerns one outbox entry (reported, the others go on) rather than every entry alike (thrown).</summary>
    private static bool IsPerEntry(MediBlocException ex) =>
        ex is not StorageException && !(ex is ChainException && ex.Code == MediBlocErrorCode.NodeUnavailable);

    private async Task<PublishedRecord> ResumeOneAsync(PendingRecord pending, CancellationToken cancellationToken)
    {
        var envelope = await _client.Outbox.ReadEnvelopeAsync(pending, cancellationToken).ConfigureAwait(false);
        if (envelope is null)
        {
            // Either a concurrent resume finished it a moment ago, or the entry is damaged.
            var registry = await _client.GetRegistryAsync(_signer).ConfigureAwait(false);
            var done = await FindOwnAnchorAsync(registry, pending, pending.Commitment, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException($"The outbox entry for commitment {pending.Commitment} has no envelope and is not anchored; remove the entry.");
            await _client.Outbox.RemoveAsync(pending, cancellationToken).ConfigureAwait(false);
            SdkMetrics.OutboxChanged(-1);
            return done;
        }
        CheckEnvelopeMatches(pending, envelope);
        return await CompleteAsync(pending, envelope, mayBeAnchored: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses an envelope that is not the one sealed for the entry (replaced or damaged on disk): it would anchor the wrong record.</summary>
    private void CheckEnvelopeMatches(PendingRecord pending, byte[] envelope)
    {
        if (envelope.LongLength != pending.EnvelopeLength)
        {
            throw new IntegrityException(
                $"The outbox envelope of commitment {pending.Commitment} is {envelope.LongLength} bytes, not the {pending.EnvelopeLength} sealed: it was replaced or damaged; the entry stays in the outbox for inspection.",
                IntegrityCheck.Format);
        }
        OpenedEnvelope opened;
        try
        {
            opened = RecordEnvelope.Open(envelope, _signer.OpeningKey());
        }
        catch (AccessDeniedException)
        {
            return; // sealed without this key: the anchor's own checks stand
        }
        catch (IntegrityException ex)
        {
            throw new IntegrityException($"The outbox envelope of commitment {pending.Commitment} does not open: {ex.Message} The entry stays in the outbox for inspection.", ex.Check, ex);
        }
        if (opened.Commitment != pending.Commitment)
        {
            throw new IntegrityException(
                $"The outbox envelope of commitment {pending.Commitment} holds another record (commitment {opened.Commitment}); the entry stays in the outbox for inspection.",
                IntegrityCheck.Commitment);
        }
    }

    /// <summary>
    /// The steps after the outbox: store, anchor (unless already anchored by us), remove from the outbox. A
    /// provider-authored entry (<see cref="PendingRecord.WrittenFor"/>) is anchored into the patient's record with
    /// <c>anchorFor</c>; if the chain refuses it because the write grant or the credential ended, the entry is
    /// removed (only a new grant could anchor it) and the exception names the stored envelope.
    /// </summary>
    public async Task<PublishedRecord> CompleteAsync(PendingRecord pending, ReadOnlyMemory<byte> envelope, bool mayBeAnchored, CancellationToken cancellationToken)
    {
        var registry = await _client.GetRegistryAsync(_signer).ConfigureAwait(false);
        var commitment = pending.Commitment;

        // Finishing after a crash: the anchor may already be there; anchoring is idempotent by commitment.
        // A fresh seal has a fresh random salt, so its commitment cannot be anchored yet.
        var existing = mayBeAnchored ? await FindOwnAnchorAsync(registry, pending, commitment, cancellationToken).ConfigureAwait(false) : null;
        if (existing is not null)
        {
            await _client.Outbox.RemoveAsync(pending, cancellationToken).ConfigureAwait(false);
            SdkMetrics.OutboxChanged(-1);
            return existing;
        }

        Storage.ContentId cid;
        using (var stream = AsStream(envelope))
        {
            cid = await _client.ContentStore.PutAsync(stream, cancellationToken).ConfigureAwait(false);
            SdkMetrics.BytesStored(envelope.Length);
        }

        AnchorResult anchor;
        try
        {
            anchor = pending.WrittenFor is { } patient
                ? await registry.AnchorForAsync(patient, commitment, cid.ToString(), pending.ContentType, pending.Purpose ?? string.Empty, cancellationToken).ConfigureAwait(false)
                : await registry.AnchorAsync(commitment, cid.ToString(), pending.ContentType, cancellationToken).ConfigureAwait(false);
        }
        catch (ChainException ex) when (pending.WrittenFor is not null && ex.RevertError is "NoWriteConsent" or "AuthorNotCertified")
        {
            await _client.Outbox.RemoveAsync(pending, cancellationToken).ConfigureAwait(false);
            SdkMetrics.OutboxChanged(-1);
            throw new AccessDeniedException(
                $"The chain refused to anchor record {cid} into {pending.WrittenFor}'s record ({ex.RevertError}): the write grant or the provider credential has ended. The envelope is stored but not anchored, and it left the outbox: write it again once the patient grants writes again.",
                ex.RevertError == "NoWriteConsent" ? AccessDenialCodes.NoWriteConsent : AccessDenialCodes.NotCertified, ex) { Cid = cid.ToString() };
        }
        catch (ChainException ex)
        {
            // Another resume of the same outbox (another process with the same key) may have anchored it between
            // our check and our transaction: then ours reverts (AlreadyAnchored) or is refused (nonce too low).
            if (mayBeAnchored && ex.Code != MediBlocErrorCode.NodeUnavailable
                && await FindOwnAnchorAsync(registry, pending, commitment, cancellationToken).ConfigureAwait(false) is { } raced)
            {
                await _client.Outbox.RemoveAsync(pending, cancellationToken).ConfigureAwait(false);
                SdkMetrics.OutboxChanged(-1);
                return raced;
            }
            throw new ChainException(
                $"The sealed record (commitment {pending.Commitment}) is stored as {cid} and waits in the outbox, but anchoring it failed: {ex.Message} Call ResumePendingAsync to finish it; do not publish the content again.",
                ex.Code, ex)
            {
                Cid = cid.ToString(),
                TransactionHash = ex.TransactionHash,
                Endpoint = ex.Endpoint,
                RevertError = ex.RevertError,
                RevertArguments = ex.RevertArguments,
            };
        }
        await _client.Outbox.RemoveAsync(pending, cancellationToken).ConfigureAwait(false);
        SdkMetrics.OutboxChanged(-1);
        SdkMetrics.RecordsPublished(1, batch: false);
        SdkMetrics.GasUsed(anchor.GasUsed);
        return new PublishedRecord(cid, anchor.Commitment, pending.ContentType, pending.WrittenFor ?? Address, anchor.TransactionHash,
            anchor.BlockNumber, anchor.GasUsed, anchor.AnchoredAt, envelope.Length);
    }

    /// <summary>The record as anchored by this patient, or null when the commitment is not anchored.</summary>
    private async Task<PublishedRecord?> FindOwnAnchorAsync(RecordRegistryClient registry, PendingRecord pending, Commitment commitment, CancellationToken cancellationToken)
    {
        var owner = pending.WrittenFor ?? Address;
        var record = await registry.GetRecordAsync(owner, commitment, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }
        // The record id binds the owner, so nobody else can hold it; for a record written into a patient's record,
        // another provider holding the patient's write grant may have written the same commitment first.
        if (pending.WrittenFor is not null
            && await registry.GetAuthorAsync(record.RecordId, cancellationToken).ConfigureAwait(false) is var author
            && author != Address)
        {
            throw new ChainException(
                $"The commitment {pending.Commitment} waiting in the outbox is anchored in {owner}'s record by another author ({author?.ToString() ?? "the owner"}); the entry stays in the outbox for inspection.",
                MediBlocErrorCode.TransactionReverted)
            {
                RevertError = "AlreadyAnchored",
            };
        }
        await foreach (var anchored in registry.GetAnchoredEventsAsync(commitment, owner, 0, cancellationToken).ConfigureAwait(false))
        {
            var gasUsed = await _client.GetGasUsedAsync(_signer, anchored.TransactionHash, cancellationToken).ConfigureAwait(false);
            return new PublishedRecord(Storage.ContentId.Parse(anchored.Cid), anchored.Commitment, anchored.ContentType, owner,
                anchored.TransactionHash, anchored.BlockNumber, gasUsed, anchored.AnchoredAt, pending.EnvelopeLength);
        }
        throw new ChainException($"The commitment {pending.Commitment} is anchored but its RecordAnchored event was not found; the node may prune logs.", MediBlocErrorCode.ChainError);
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> bytes) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
}

using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Records;

namespace MediBloc.Sdk.Roles.Patient;

/// <summary>
/// What a patient does with their own records: seal a record to themselves and the providers they share it
/// with, keep the sealed envelope in the content store, and anchor its salted commitment on chain.
/// Obtain one from <see cref="MediBlocClient.GetPatientClient(MediBloc.Sdk.Crypto.Secp256k1PrivateKey)"/>.
/// </summary>
/// <remarks>
/// Publishing goes through the client's <see cref="MediBlocClient.Outbox"/>: the sealed envelope is saved
/// durably first and removed only once its anchor is confirmed. If the process dies, a node is down or the call
/// is cancelled after that point, the record is not lost: <see cref="ResumePendingAsync"/> (call it at start-up)
/// stores and anchors it, exactly once. Do not publish the same content again instead — a new seal has a new
/// salt, hence a second record.
/// </remarks>
public partial class PatientClient
{
    private readonly ClientContext _client = null!;
    private readonly MediBlocSigner _signer = null!;

    /// <summary>For mocking only.</summary>
    protected PatientClient()
    {
    }

    internal PatientClient(ClientContext client, MediBlocSigner signer)
    {
        _client = client;
        _signer = signer;
    }

    /// <summary>The patient's address (records are anchored from it).</summary>
    public virtual EvmAddress Address => _signer.Address;

    private RecordPublisher Publisher => new(_client, _signer);

    /// <summary>The patient's economy: MED, storage quota, MediPoints and rewards.</summary>
    public virtual PatientWalletClient Wallet => new(this, _client, _signer);

    /// <summary>The patient's side of research: the opt-in search index, matching data requests, consents and key releases.</summary>
    public virtual PatientResearchClient Research => new(this, _client, _signer);

    /// <summary>The patient's side of insurance claims: file a claim, follow it, read the insurer's decision.</summary>
    public virtual PatientInsuranceClient Insurance => new(this, _client, _signer);

    /// <summary>Guardians, delegates, the emergency profile and the key backup.</summary>
    public virtual PatientCareClient Care => new(this, _client, _signer);

    /// <summary>
    /// Publishes one record: seals <paramref name="content"/> under a fresh data key wrapped for the patient and
    /// for every key in <paramref name="shareWith"/>, saves the envelope in the outbox, puts it into the content
    /// store, and anchors its salted commitment on chain. Waits for the anchor's receipt.
    /// </summary>
    /// <param name="content">The record's plaintext (for example canonical FHIR JSON, a PDF, a DICOM file).</param>
    /// <param name="contentType">The record's content type (for example <c>application/fhir+json</c>).</param>
    /// <param name="shareWith">Public keys of the providers who may open the record; the patient is always a recipient.</param>
    /// <param name="cancellationToken">Cancels the operation; a record already in the outbox stays there.</param>
    /// <returns>The CID, commitment and on-chain facts of the anchor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="contentType"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="contentType"/> is empty or too long for the envelope.</exception>
    /// <exception cref="StorageException">
    /// The outbox could not be written (nothing was published), or the content store failed or is down (the
    /// record waits in the outbox; <see cref="ResumePendingAsync"/> finishes it).
    /// </exception>
    /// <exception cref="QuotaExceededException">
    /// The record does not fit in the patient's on-chain storage quota (what they store, counted from the chain, plus
    /// this envelope); nothing was stored or anchored. Or the content store's own quota would be exceeded; the record
    /// waits in the outbox.
    /// </exception>
    /// <exception cref="ChainException">
    /// The anchor failed (node down, revert). The envelope is stored (<see cref="MediBlocException.Cid"/> names it)
    /// and waits in the outbox; <see cref="ResumePendingAsync"/> anchors it.
    /// </exception>
    public virtual async Task<PublishedRecord> PublishAsync(
        ReadOnlyMemory<byte> content,
        string contentType,
        IEnumerable<Secp256k1PublicKey>? shareWith = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        return await ChainDiagnostics.TraceAsync("PatientClient.Publish", async activity =>
        {
            activity?.SetTag(MediBlocDiagnostics.Tags.ContentType, contentType);
            activity?.SetTag(MediBlocDiagnostics.Tags.Bytes, content.Length);
            var sealedEnvelope = RecordEnvelope.Seal(content.Span, contentType, RecipientsOf(shareWith));
            await _client.Quota.ReserveAsync(_client, _signer, Address, [sealedEnvelope.Commitment], sealedEnvelope.Envelope.Length, cancellationToken).ConfigureAwait(false);
            var chainId = await _client.GetChainIdAsync().ConfigureAwait(false);
            var pending = new PendingRecord(
                Address,
                sealedEnvelope.Commitment,
                contentType,
                chainId,
                _client.RecordRegistryAddress,
                sealedEnvelope.Envelope.Length,
                DateTimeOffset.UtcNow);
            await _client.Outbox.SaveAsync(pending, sealedEnvelope.Envelope, cancellationToken).ConfigureAwait(false);
            SdkMetrics.OutboxChanged(1);
            SdkLog.Sealed(_client.Logger, contentType, content.Length, pending.Commitment);
            PublishedRecord published;
            try
            {
                published = await Publisher.CompleteAsync(pending, sealedEnvelope.Envelope, mayBeAnchored: false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MediBlocException or OperationCanceledException)
            {
                SdkLog.LeftInOutbox(_client.Logger, pending.Commitment.ToString(), ex.GetType().Name, ex);
                throw;
            }
            activity?.SetTag(MediBlocDiagnostics.Tags.Cid, published.Cid.ToString());
            SdkLog.Published(_client.Logger, published.Cid.ToString(), published.Commitment, published.BlockNumber, published.GasUsed);
            return published;
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Finishes publishing every record of this patient that waits in the outbox for the client's chain and
    /// registry: stores the envelope where it is missing, anchors it where it is not anchored yet, and removes
    /// it from the outbox. A record found already anchored by this patient is not anchored again. Records this key
    /// wrote into other patients' records (<see cref="MediBloc.Sdk.Roles.Provider.ProviderClient.WriteRecordAsync"/>) are finished too, into
    /// those patients' records; their <see cref="PublishedRecord"/> names the patient as owner. Batches left by
    /// <see cref="PublishManyAsync"/> are finished as a whole: the same tree is rebuilt and its root anchored once.
    /// Call it at start-up and after a node outage.
    /// </summary>
    /// <remarks>
    /// Every entry is tried: one that cannot finish is reported in <see cref="ResumeReport.Failed"/> with its commitment,
    /// CID and reason, and the others go on. Reported per entry: an envelope that no longer matches its entry
    /// (<see cref="IntegrityException"/>), a lost envelope (<see cref="NotFoundException"/>: remove the entry with
    /// <see cref="IRecordOutbox.RemoveAsync"/>), a written record whose write grant or credential ended
    /// (<see cref="AccessDeniedException"/>; the entry leaves the outbox), and a transaction the chain refused
    /// (<see cref="ChainException"/> with <see cref="MediBlocErrorCode.TransactionReverted"/>; the entry stays).
    /// What stops every entry alike is thrown instead: the node is unreachable, or the outbox or the content store failed.
    /// </remarks>
    /// <param name="cancellationToken">Cancels the operation; records not finished stay in the outbox.</param>
    /// <returns>The report: the records finished now, oldest first (for one anchored before a crash, its original anchor), and each entry that could not finish.</returns>
    /// <exception cref="StorageException">The outbox or the content store failed; the remaining records stay in the outbox.</exception>
    /// <exception cref="ChainException">The node is unavailable (<see cref="MediBlocErrorCode.NodeUnavailable"/>); the remaining records stay in the outbox.</exception>
    public virtual Task<ResumeReport> ResumePendingAsync(CancellationToken cancellationToken = default) =>
        Publisher.ResumeAsync(cancellationToken);

    /// <summary>Lists this patient's records that wait in the outbox, on any chain.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The pending records, oldest first.</returns>
    /// <exception cref="StorageException">The outbox could not be read.</exception>
    public virtual IAsyncEnumerable<PendingRecord> GetPendingAsync(CancellationToken cancellationToken = default) =>
        _client.Outbox.ListAsync(Address, cancellationToken);

}

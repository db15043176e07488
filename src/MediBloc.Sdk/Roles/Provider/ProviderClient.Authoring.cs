using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Contracts.MediPoints;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using Nethereum.Hex.HexConvertors.Extensions;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Records;

namespace MediBloc.Sdk.Roles.Provider;

/// <summary>
/// Provider-authored records: with the patient's write grant (<see cref="MediBloc.Sdk.Roles.Patient.PatientClient.GrantWriteAccessAsync"/>), a
/// certified provider writes a record into the patient's record. The patient owns it; the provider is its author and
/// earns its MediPoints reward.
/// </summary>
public partial class ProviderClient
{
    /// <summary>
    /// Writes a record into a patient's record: checks that this provider holds a live provider credential and a live
    /// write grant from the patient for <paramref name="contentType"/> and <paramref name="purpose"/>, seals the record
    /// to the patient and to this provider, stores it, and anchors it with the patient as owner and this provider as
    /// author. The registry checks the credential and the grant again on chain. The patient finds it in
    /// <see cref="MediBloc.Sdk.Roles.Patient.PatientClient.ListMyRecordsAsync"/> (with <see cref="MyRecord.Author"/>) and opens it like any record.
    /// Like <see cref="MediBloc.Sdk.Roles.Patient.PatientClient.PublishAsync"/>, the sealed envelope goes into the client's outbox first, so a
    /// crash, an outage or a cancellation after that point leaves it for <see cref="ResumePendingAsync"/>.
    /// </summary>
    /// <param name="patient">The patient's public key (the record is sealed to it; its address becomes the owner).</param>
    /// <param name="content">The record's plaintext.</param>
    /// <param name="contentType">The record's content type; the write grant must cover it.</param>
    /// <param name="purpose">The purpose-of-use code of the write grant, e.g. <c>TREAT</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The CID, commitment and on-chain facts of the anchor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patient"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="contentType"/> or <paramref name="purpose"/> is empty, or <paramref name="patient"/> is this provider's own key (publish with <see cref="MediBloc.Sdk.Roles.Patient.PatientClient.PublishAsync"/> instead).</exception>
    /// <exception cref="AccessDeniedException">
    /// Nothing was stored or anchored. Code <see cref="AccessDenialCodes.NotCertified"/>: this account holds no live
    /// provider credential; <see cref="AccessDenialCodes.NoWriteConsent"/>: the patient never granted this provider
    /// writes for this content type and purpose; <see cref="AccessDenialCodes.WriteConsentExpired"/> or
    /// <see cref="AccessDenialCodes.WriteConsentRevoked"/>: the grant ended; <see cref="AccessDenialCodes.WriteScopeMismatch"/>:
    /// the patient's write grants for this purpose cover other content types. When the grant or credential ends between
    /// the check and the anchor, the chain refuses and the exception names the stored envelope (<see cref="MediBlocException.Cid"/>),
    /// which leaves the outbox: only a new grant could anchor it.
    /// </exception>
    /// <exception cref="InvalidOperationException">The access grants or credentials address is not set in the options.</exception>
    /// <exception cref="StorageException">The outbox could not be written (nothing was written), or the content store failed or is down
    /// (the record waits in the outbox; <see cref="ResumePendingAsync"/> finishes it).</exception>
    /// <exception cref="QuotaExceededException">The record does not fit in the patient's on-chain storage quota (nothing was
    /// stored or anchored), or the content store's own quota would be exceeded (the record waits in the outbox).</exception>
    /// <exception cref="ChainException">The chain is down or the anchor failed: <see cref="MediBlocException.Cid"/> names the stored
    /// envelope, which waits in the outbox; <see cref="ResumePendingAsync"/> anchors it into the patient's record.</exception>
    public virtual async Task<AuthoredRecord> WriteRecordAsync(
        Secp256k1PublicKey patient, ReadOnlyMemory<byte> content, string contentType, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        if (patient.Equals(_signer.PublicKey))
        {
            throw new ArgumentException("A provider writes into another account's record; publish your own records with PatientClient.PublishAsync.", nameof(patient));
        }
        return await ChainDiagnostics.TraceAsync("ProviderClient.WriteRecord", async activity =>
        {
            activity?.SetTag(MediBlocDiagnostics.Tags.ContentType, contentType);
            activity?.SetTag(MediBlocDiagnostics.Tags.Bytes, content.Length);
            var owner = patient.Address;
            var credentials = await _client.GetCredentialsAsync(_signer, "write into a patient's record").ConfigureAwait(false);
            await RequireCredentialAsync(credentials, CredentialRole.Provider, "write into a patient's record", cancellationToken).ConfigureAwait(false);
            var grants = await _client.GetAccessGrantsAsync(_signer, "write into a patient's record").ConfigureAwait(false);
            if (!await grants.CanWriteAsync(owner, Address, contentType, purpose, cancellationToken).ConfigureAwait(false))
            {
                throw await ExplainWriteDenialAsync(grants, owner, contentType, purpose, cancellationToken).ConfigureAwait(false);
            }

            var sealedEnvelope = RecordEnvelope.Seal(content.Span, contentType, [patient, _signer.PublicKey]);
            await _client.Quota.ReserveAsync(_client, _signer, owner, [sealedEnvelope.Commitment], sealedEnvelope.Envelope.Length, cancellationToken).ConfigureAwait(false);
            var pending = new PendingRecord(
                Address,
                sealedEnvelope.Commitment,
                contentType,
                await _client.GetChainIdAsync().ConfigureAwait(false),
                _client.RecordRegistryAddress,
                sealedEnvelope.Envelope.Length,
                DateTimeOffset.UtcNow,
                WrittenFor: owner,
                Purpose: purpose);
            await _client.Outbox.SaveAsync(pending, sealedEnvelope.Envelope, cancellationToken).ConfigureAwait(false);
            SdkMetrics.OutboxChanged(1);
            SdkLog.Sealed(_client.Logger, contentType, content.Length, pending.Commitment);
            PublishedRecord anchored;
            try
            {
                anchored = await new RecordPublisher(_client, _signer).CompleteAsync(pending, sealedEnvelope.Envelope, mayBeAnchored: false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ChainException or StorageException or QuotaExceededException or OperationCanceledException)
            {
                SdkLog.LeftInOutbox(_client.Logger, pending.Commitment.ToString(), ex.GetType().Name, ex);
                throw;
            }
            activity?.SetTag(MediBlocDiagnostics.Tags.Cid, anchored.Cid.ToString());
            SdkLog.Published(_client.Logger, anchored.Cid.ToString(), anchored.Commitment, anchored.BlockNumber, anchored.GasUsed);
            return new AuthoredRecord(anchored.Cid, anchored.Commitment, contentType, owner, Address, purpose, anchored.TransactionHash, anchored.BlockNumber, anchored.GasUsed, anchored.AnchoredAt);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Finishes every record this key left in the outbox, on the client's chain and registry: records written into
    /// patients' records (anchored into them, as <see cref="WriteRecordAsync"/> would have) and this account's own
    /// records and batches (as <see cref="MediBloc.Sdk.Roles.Patient.PatientClient.ResumePendingAsync"/>, which this calls). Call it at start-up
    /// and after an outage.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation; records not finished stay in the outbox.</param>
    /// <returns>
    /// The report: the records finished now, oldest first (a written record's <see cref="PublishedRecord.Owner"/> is the
    /// patient), and each entry that could not finish with its commitment, CID and reason — for example a written record
    /// whose write grant or credential ended (an <see cref="AccessDeniedException"/>; its stored envelope leaves the
    /// outbox, <see cref="Records.ResumeFailure.LeftOutbox"/>). One such entry never stops the others.
    /// </returns>
    /// <exception cref="StorageException">The outbox or the content store failed; the remaining records stay in the outbox.</exception>
    /// <exception cref="ChainException">The node is unavailable; the remaining records stay in the outbox.</exception>
    public virtual Task<Records.ResumeReport> ResumePendingAsync(CancellationToken cancellationToken = default) =>
        new RecordPublisher(_client, _signer).ResumeAsync(cancellationToken);

    /// <summary>
    /// Claims the MediPoints reward of a record this provider wrote into a patient's record: once per record, at the
    /// rate set for its content type, within the weekly caps per author and per patient, and only while the reward pool
    /// holds the MED that backs it (each reward reserves its MED, so the points always convert). The author earns the
    /// reward of an authored record; records an owner anchored for itself earn nothing.
    /// </summary>
    /// <param name="recordId">The record id (0x-hex, 32 bytes): keccak256(abi.encode(owner, commitment)).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The reward.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.MediPointsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable, or MediPoints refused: <c>NotRecordAuthor</c> (another provider wrote it), <c>NotProviderAuthored</c> (its owner anchored it), <c>UnknownRecord</c>, <c>AlreadyRewarded</c>, <c>NoRewardRate</c> (no reward is set for the content type), <c>AuthorRewardCapReached</c>, <c>PatientRewardCapReached</c> (try next week), <c>RewardPoolExhausted</c> (the pool must be funded first).</exception>
    public virtual async Task<PointsReward> ClaimAuthoringRewardAsync(RecordId recordId, CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("ProviderClient.ClaimAuthoringReward", async _ =>
        {
            var points = await _client.GetMediPointsAsync(_signer, "claim an authoring reward").ConfigureAwait(false);
            var (transaction, minted) = await points.ClaimRecordRewardMintingAsync(recordId, cancellationToken).ConfigureAwait(false);
            return new PointsReward(transaction.TransactionHash, transaction.BlockNumber, transaction.GasUsed, recordId, minted);
        }).ConfigureAwait(false);
    }

    /// <summary>Lists the records this provider wrote into patients' records, in chain order.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The <c>RecordAuthored</c> events naming this provider.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async IAsyncEnumerable<RecordAuthoredEvent> ListAuthoredRecordsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var registry = await _client.GetRegistryAsync(_signer).ConfigureAwait(false);
        await foreach (var authored in registry.GetAuthoredEventsAsync(author: Address, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return authored;
        }
    }

    /// <summary>Why the patient's write grant does not cover this write: expired, revoked, another content type, or none.</summary>
    private async Task<AccessDeniedException> ExplainWriteDenialAsync(AccessGrantsClient grants, EvmAddress owner, string contentType, string purpose, CancellationToken cancellationToken)
    {
        var ended = new List<AccessGrantStatus>();
        foreach (var scope in new[] { AccessScope.ForContentType(contentType), AccessScope.All })
        {
            if (await grants.GetWriteGrantInForceAsync(owner, Address, scope, purpose, cancellationToken).ConfigureAwait(false) is { } id
                && await grants.GetGrantAsync(id, cancellationToken).ConfigureAwait(false) is { } status)
            {
                ended.Add(status);
            }
        }
        if (ended.FirstOrDefault(s => !s.Revoked) is { } expired)
        {
            return new AccessDeniedException(
                $"{owner}'s write grant to {Address} for {contentType} records and purpose '{purpose}' expired at {expired.ExpiresAt:u}; ask the patient for a new one.",
                AccessDenialCodes.WriteConsentExpired);
        }
        if (ended.Count > 0)
        {
            return new AccessDeniedException(
                $"{owner} revoked the write grant to {Address} for {contentType} records and purpose '{purpose}'; only the patient can grant it again.",
                AccessDenialCodes.WriteConsentRevoked);
        }
        var purposeId = AccessGrantsClient.ComputePurposeId(purpose);
        await foreach (var grant in grants.GetWriteGrantEventsAsync(owner, Address, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(grant.PurposeId, purposeId, StringComparison.OrdinalIgnoreCase))
            {
                return new AccessDeniedException(
                    $"{owner}'s write grants to {Address} for purpose '{purpose}' cover other content types, not {contentType}; ask the patient to grant writes of {contentType}.",
                    AccessDenialCodes.WriteScopeMismatch);
            }
        }
        return new AccessDeniedException(
            $"{owner} has given {Address} no write grant for {contentType} records and purpose '{purpose}'; ask the patient to grant it (PatientClient.GrantWriteAccessAsync).",
            AccessDenialCodes.NoWriteConsent);
    }
}

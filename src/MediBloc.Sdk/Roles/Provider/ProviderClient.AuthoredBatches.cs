using System.Runtime.ExceptionServices;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Sharing;

namespace MediBloc.Sdk.Roles.Provider;

public partial class ProviderClient
{
    /// <summary>
    /// Writes many records into a patient's record as one batch: checks this provider's live provider credential and
    /// the patient's live write grant for every content type (<see cref="AccessScope.All"/>) and
    /// <paramref name="purpose"/>, seals each record under its own data key to the patient and this provider (and its
    /// <see cref="RecordToPublish.ShareWith"/> readers), saves the whole set in the outbox as one batch, stores every
    /// envelope and a batch manifest, and anchors one Merkle root with the patient as owner of the batch and of every
    /// record in it and this provider as author (<c>anchorBatchFor</c>, one transaction). The patient lists and opens
    /// the records like its own batch records.
    /// </summary>
    /// <param name="patient">The patient's public key (every record is sealed to it; its address owns the batch).</param>
    /// <param name="records">The records, in the order the results come back (at least one).</param>
    /// <param name="purpose">The purpose-of-use code of the write grant, e.g. <c>TREAT</c>.</param>
    /// <param name="cancellationToken">Cancels the operation; a batch already in the outbox stays there.</param>
    /// <returns>One result per record, in input order; <see cref="PublishedRecord.Owner"/> is the patient and
    /// <see cref="PublishedRecord.Batch"/> the root, manifest and inclusion proof.</returns>
    /// <remarks>
    /// Crash-safe as a whole, like <see cref="Patient.PatientClient.PublishManyAsync"/>: the batch is in the outbox before
    /// anything is stored and leaves it once its root is anchored; <see cref="ResumePendingAsync"/> rebuilds the same
    /// tree and anchors it exactly once. A batch needs a write grant for all content types because the registry sees
    /// only the root; write single records of one content type with <see cref="WriteRecordAsync"/>. No MediPoints
    /// authoring reward is paid per record of a batch.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="patient"/>, <paramref name="records"/> or an element is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="records"/> is empty, a content type or <paramref name="purpose"/> is empty, or <paramref name="patient"/> is this provider's own key.</exception>
    /// <exception cref="AccessDeniedException">
    /// Nothing was sealed, stored or anchored. Code <see cref="AccessDenialCodes.NotCertified"/>,
    /// <see cref="AccessDenialCodes.NoWriteConsent"/>, <see cref="AccessDenialCodes.WriteConsentExpired"/>,
    /// <see cref="AccessDenialCodes.WriteConsentRevoked"/>, or <see cref="AccessDenialCodes.WriteScopeMismatch"/> (the
    /// patient's write grants for this purpose cover single content types only). When the grant ends between the check
    /// and the anchor, the chain refuses, the batch leaves the outbox and the exception names the stored manifest.
    /// </exception>
    /// <exception cref="InvalidOperationException">The access grants or credentials address is not set in the options.</exception>
    /// <exception cref="NotSupportedException">The configured outbox does not keep batches.</exception>
    /// <exception cref="StorageException">The outbox could not be written (nothing was written), or the content store failed (the batch waits in the outbox).</exception>
    /// <exception cref="QuotaExceededException">The records do not fit in the patient's on-chain storage quota; nothing was stored or anchored.</exception>
    /// <exception cref="ChainException">The anchor failed; the batch waits in the outbox and <see cref="ResumePendingAsync"/> anchors it.</exception>
    public virtual async Task<IReadOnlyList<PublishedRecord>> WriteRecordsAsync(
        Secp256k1PublicKey patient, IEnumerable<RecordToPublish> records, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        var items = records.ToList();
        if (items.Count == 0)
        {
            throw new ArgumentException("A batch holds at least one record.", nameof(records));
        }
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(records));
            ArgumentException.ThrowIfNullOrWhiteSpace(item.ContentType, nameof(records));
        }
        if (patient.Equals(_signer.PublicKey))
        {
            throw new ArgumentException("A provider writes into another account's record; publish your own records with PatientClient.PublishManyAsync.", nameof(patient));
        }
        return await ChainDiagnostics.TraceAsync<IReadOnlyList<PublishedRecord>>("ProviderClient.WriteRecords", async activity =>
        {
            activity?.SetTag(MediBlocDiagnostics.Tags.Records, items.Count);
            activity?.SetTag(MediBlocDiagnostics.Tags.Bytes, items.Sum(i => (long)i.Content.Length));
            var owner = patient.Address;
            var credentials = await _client.GetCredentialsAsync(_signer, "write into a patient's record").ConfigureAwait(false);
            await RequireCredentialAsync(credentials, CredentialRole.Provider, "write into a patient's record", cancellationToken).ConfigureAwait(false);
            var grants = await _client.GetAccessGrantsAsync(_signer, "write into a patient's record").ConfigureAwait(false);
            if (!await grants.CanWriteAllAsync(owner, Address, purpose, cancellationToken).ConfigureAwait(false))
            {
                throw await ExplainBatchWriteDenialAsync(grants, owner, purpose, cancellationToken).ConfigureAwait(false);
            }

            var sealedRecords = SealForPatient(items, patient, cancellationToken);
            await _client.Quota.ReserveAsync(
                _client, _signer, owner, sealedRecords.Select(s => s.Commitment).ToList(), sealedRecords.Sum(s => (long)s.Envelope.Length), cancellationToken).ConfigureAwait(false);
            var chainId = await _client.GetChainIdAsync().ConfigureAwait(false);
            var createdAt = DateTimeOffset.UtcNow;
            var members = sealedRecords
                .Select((s, i) => new PendingRecord(Address, s.Commitment, items[i].ContentType, chainId, _client.RecordRegistryAddress, s.Envelope.Length, createdAt, WrittenFor: owner, Purpose: purpose))
                .ToList();
            var batch = new PendingBatch(Address, PendingBatch.ComputeBatchId(members.Select(m => m.Commitment)), chainId, _client.RecordRegistryAddress, members, createdAt);
            var published = await new RecordPublisher(_client, _signer).PublishBatchAsync(batch, sealedRecords.Select(s => s.Envelope).ToList(), cancellationToken).ConfigureAwait(false);
            activity?.SetTag(MediBlocDiagnostics.Tags.Root, published[0].Batch!.Root);
            return published;
        }).ConfigureAwait(false);
    }

    /// <summary>Seals every record to the patient, this provider and its readers, each under its own data key, spread over the cores.</summary>
    private SealedEnvelope[] SealForPatient(List<RecordToPublish> items, Secp256k1PublicKey patient, CancellationToken cancellationToken)
    {
        var sealedRecords = new SealedEnvelope[items.Count];
        try
        {
            Parallel.For(0, items.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                var recipients = new List<Secp256k1PublicKey> { patient, _signer.PublicKey };
                foreach (var reader in items[i].ShareWith ?? [])
                {
                    ArgumentNullException.ThrowIfNull(reader, nameof(items));
                    if (!recipients.Contains(reader))
                    {
                        recipients.Add(reader);
                    }
                }
                sealedRecords[i] = RecordEnvelope.Seal(items[i].Content.Span, items[i].ContentType, recipients);
            });
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
        return sealedRecords;
    }

    /// <summary>Why the patient's write grants do not admit a batch: the grant for all content types expired or was revoked, only single content types are granted, or none.</summary>
    private async Task<AccessDeniedException> ExplainBatchWriteDenialAsync(AccessGrantsClient grants, EvmAddress owner, string purpose, CancellationToken cancellationToken)
    {
        if (await grants.GetWriteGrantInForceAsync(owner, Address, AccessScope.All, purpose, cancellationToken).ConfigureAwait(false) is { } id
            && await grants.GetGrantAsync(id, cancellationToken).ConfigureAwait(false) is { } status)
        {
            return status.Revoked
                ? new AccessDeniedException(
                    $"{owner} revoked the write grant to {Address} for purpose '{purpose}'; only the patient can grant it again.", AccessDenialCodes.WriteConsentRevoked)
                : new AccessDeniedException(
                    $"{owner}'s write grant to {Address} for purpose '{purpose}' expired at {status.ExpiresAt:u}; ask the patient for a new one.", AccessDenialCodes.WriteConsentExpired);
        }
        var purposeId = AccessGrantsClient.ComputePurposeId(purpose);
        await foreach (var grant in grants.GetWriteGrantEventsAsync(owner, Address, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(grant.PurposeId, purposeId, StringComparison.OrdinalIgnoreCase))
            {
                return new AccessDeniedException(
                    $"{owner}'s write grants to {Address} for purpose '{purpose}' cover single content types; a batch needs a grant for all content types (AccessScope.All), or write records one by one.",
                    AccessDenialCodes.WriteScopeMismatch);
            }
        }
        return new AccessDeniedException(
            $"{owner} has given {Address} no write grant for purpose '{purpose}'; ask the patient to grant it (PatientClient.GrantWriteAccessAsync).",
            AccessDenialCodes.NoWriteConsent);
    }
}

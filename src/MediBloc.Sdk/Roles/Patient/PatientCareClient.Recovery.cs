using MediBloc.Sdk.Crypto.Signers;
using System.Security.Cryptography;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Recovery;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Diagnostics;

namespace MediBloc.Sdk.Roles.Patient;

public partial class PatientCareClient
{
    /// <summary>
    /// Backs the patient's key up to guardians: splits it into one share per guardian (Shamir, any
    /// <paramref name="threshold"/> of them recover it, fewer learn nothing), seals each share to its guardian, puts the
    /// sealed shares in the content store, and anchors a backup manifest (sealed to the patient and the guardians) that
    /// lists each guardian's share and its digest. A new device finds it from the chain by the patient's address alone.
    /// A new backup supersedes the previous one: guardians release, and devices accept, shares of the latest only.
    /// </summary>
    /// <param name="guardians">The guardians' public keys, one share each (distinct, not the patient's own key).</param>
    /// <param name="threshold">How many guardians must release their shares to recover the key: 1 to the number of guardians (2 or more for real secrecy).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The backup in force.</returns>
    /// <remarks>
    /// Guardians are trusted parties: any <paramref name="threshold"/> of them together can rebuild the key without you.
    /// Superseding a backup does not take back the shares of the old one (they stay in the store, and their guardians
    /// may keep copies): if you stop trusting old guardians, move to a new key, not only a new backup.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="guardians"/> or a guardian is null.</exception>
    /// <exception cref="ArgumentException">A guardian appears twice or is the patient's own key.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The threshold or the number of guardians (1 to 255) is out of range.</exception>
    /// <exception cref="StorageException">The content store failed (nothing was anchored, or the manifest waits in the outbox).</exception>
    /// <exception cref="ChainException">Anchoring the manifest failed; it waits in the outbox (<see cref="PatientClient.ResumePendingAsync"/>).</exception>
    public virtual async Task<KeyBackup> BackUpKeyAsync(IReadOnlyList<Secp256k1PublicKey> guardians, int threshold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(guardians);
        foreach (var guardian in guardians)
        {
            ArgumentNullException.ThrowIfNull(guardian, nameof(guardians));
        }
        if (guardians.Distinct().Count() != guardians.Count)
        {
            throw new ArgumentException("Each guardian may hold one share only; a guardian appears twice.", nameof(guardians));
        }
        if (guardians.Contains(_signer.PublicKey))
        {
            throw new ArgumentException("The patient's own key cannot be a guardian: a lost device would take its share with it.", nameof(guardians));
        }
        return await ChainDiagnostics.TraceAsync("PatientCareClient.BackUpKey", async activity =>
        {
            activity?.SetTag(MediBlocDiagnostics.Tags.Guardians, guardians.Count);
            var backupId = "0x" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            var entries = new List<KeyBackupShare>();
            var shares = GuardianShares.Split(_signer.OpeningKey(), threshold, guardians.Count);
            try
            {
                for (var i = 0; i < shares.Count; i++)
                {
                    var cid = await KeyBackups.PutAsync(_client, GuardianShares.Seal(shares[i], guardians[i]), cancellationToken).ConfigureAwait(false);
                    entries.Add(new KeyBackupShare(shares[i].Index, guardians[i].Address.ToString(), cid.ToString(), KeyBackupManifest.Digest(backupId, shares[i])));
                }
            }
            finally
            {
                foreach (var share in shares)
                {
                    share.Dispose();
                }
            }

            var manifest = new KeyBackupManifest(1, backupId, Address.ToString(), threshold, entries);
            var published = await _patient.PublishAsync(manifest.ToBytes(), KeyBackupManifest.ContentType, guardians, cancellationToken).ConfigureAwait(false);
            Diagnostics.SdkLog.KeyBackedUp(_client.Logger, threshold, entries.Count, published.Cid.ToString());
            return new KeyBackup(backupId, threshold, [.. guardians.Select(g => g.Address)], published.Cid, published.Commitment,
                published.TransactionHash, published.BlockNumber, published.AnchoredAt);
        }).ConfigureAwait(false);
    }

    /// <summary>The patient's key backup in force (the latest anchored), opened and verified.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The backup.</returns>
    /// <exception cref="NotFoundException">The patient has no backup (code <see cref="KeyRecoveryCodes.NoBackup"/>), or the store lacks its manifest.</exception>
    /// <exception cref="IntegrityException">The manifest failed a check.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    public virtual async Task<KeyBackup> GetKeyBackupAsync(CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("PatientCareClient.GetKeyBackup", async _ =>
        {
            var current = await KeyBackups.FindCurrentAsync(_client, _signer, Address, cancellationToken).ConfigureAwait(false);
            var (manifest, _) = await KeyBackups.OpenAsync(_client, _signer, ContentId.Parse(current.Cid), Address, cancellationToken).ConfigureAwait(false);
            return KeyBackups.ToBackup(manifest, current);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Restores the patient's records on a new device: finds every record the patient anchored (from the chain's
    /// <c>RecordAnchored</c> events; share manifests and key backups excluded), fetches each from the content store
    /// (with a <see cref="Storage.Replication.ReplicatingContentStore"/>, from IPFS into the fresh local store), opens and
    /// verifies it. A record that cannot be restored is reported, and the others are still restored.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The records restored and those that could not be.</returns>
    /// <exception cref="StorageException">The content store is down (no record could be fetched).</exception>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    public virtual async Task<RecordRestoreResult> RestoreRecordsAsync(CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("PatientCareClient.RestoreRecords", async activity =>
        {
            var restored = new List<RestoredRecord>();
            var failures = new List<RestoreFailure>();
            var reader = new RecordOpener(_client, _signer);
            await foreach (var record in _patient.GetOwnRecordsAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    var opened = await reader.OpenAsync(ContentId.Parse(record.Cid), purpose: null, cancellationToken).ConfigureAwait(false);
                    restored.Add(new RestoredRecord(ContentId.Parse(record.Cid), record.Commitment, record.ContentType, record.AnchoredAt, opened.Content.Length));
                }
                catch (MediBlocException ex) when (ex is NotFoundException or IntegrityException or AccessDeniedException or InvalidFormatException)
                {
                    failures.Add(new RestoreFailure(record.Cid, record.Commitment, ex));
                    Diagnostics.SdkLog.RestoreFailed(_client.Logger, record.Cid, ex.Code.ToString(), ex);
                }
            }
            activity?.SetTag(MediBlocDiagnostics.Tags.Records, restored.Count);
            Diagnostics.SdkLog.Restored(_client.Logger, restored.Count, failures.Count);
            activity?.SetTag(MediBlocDiagnostics.Tags.Failed, failures.Count);
            return new RecordRestoreResult(restored, failures);
        }).ConfigureAwait(false);
    }
}

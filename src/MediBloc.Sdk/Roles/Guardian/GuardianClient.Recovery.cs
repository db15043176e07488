using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Recovery;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Roles.Provider;

namespace MediBloc.Sdk.Roles.Guardian;

public partial class GuardianClient
{
    /// <summary>
    /// Releases this guardian's share of a patient's key to a new device: finds the patient's current backup on chain,
    /// checks that it names this guardian, opens the share sealed to this guardian and checks it against the digest the
    /// patient anchored, then re-seals the share to the device's public key and re-wraps the backup manifest for the device
    /// (same commitment, so the device verifies it against the chain). Sends no transaction.
    /// </summary>
    /// <param name="request">The device's request. Before calling, compare its <see cref="KeyRecoveryRequest.VerificationCode"/>
    /// with the code the patient reads from the new device over a channel you trust (in person, a call): the SDK cannot
    /// tell the patient from someone holding only their address.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The release to hand to the device; it holds no secret.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    /// <exception cref="NotFoundException">The patient has no backup (code <see cref="KeyRecoveryCodes.NoBackup"/>), or the store lacks the share.</exception>
    /// <exception cref="AccessDeniedException">This account is not a guardian of the patient's current backup (code <see cref="KeyRecoveryCodes.NotAGuardian"/>).</exception>
    /// <exception cref="IntegrityException">The manifest or the stored share failed a check (altered, or not anchored by the patient).</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    public virtual async Task<KeyShareRelease> ReleaseKeyShareAsync(KeyRecoveryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await ChainDiagnostics.TraceAsync("GuardianClient.ReleaseKeyShare", async activity =>
        {
            var patient = request.PatientAddress;
            var current = await KeyBackups.FindCurrentAsync(_client, _signer, patient, cancellationToken).ConfigureAwait(false);
            var manifestCid = ContentId.Parse(current.Cid);
            KeyBackupManifest manifest;
            try
            {
                (manifest, _) = await KeyBackups.OpenAsync(_client, _signer, manifestCid, patient, cancellationToken).ConfigureAwait(false);
            }
            catch (AccessDeniedException ex)
            {
                throw NotAGuardian(patient, ex);
            }
            var entry = manifest.Shares.FirstOrDefault(s => ManifestFields.Address(s.Guardian) == Address)
                ?? throw NotAGuardian(patient, null);

            var sealedShare = await _client.FetchEnvelopeAsync(ContentId.Parse(entry.Cid), cancellationToken).ConfigureAwait(false);
            using var share = GuardianShares.Open(sealedShare, _signer.OpeningKey());
            if (!KeyBackups.Matches(manifest, entry, share))
            {
                throw new IntegrityException(
                    $"The share stored for {Address} does not match the digest {patient} anchored for it; it cannot be released.", KeyRecoveryCodes.Share) { Cid = entry.Cid };
            }
            var shareCid = await KeyBackups.PutAsync(_client, GuardianShares.Seal(share, request.DevicePublicKey), cancellationToken).ConfigureAwait(false);
            var manifestEnvelope = await _client.FetchEnvelopeAsync(manifestCid, cancellationToken).ConfigureAwait(false);
            var rewrapped = await KeyBackups.PutAsync(_client, RecordEnvelope.AddRecipients(manifestEnvelope, _signer.OpeningKey(), [request.DevicePublicKey]), cancellationToken).ConfigureAwait(false);
            Diagnostics.SdkLog.KeyShareReleased(_client.Logger, current.Cid);
            return new KeyShareRelease(patient, Address, ContentId.Parse(rewrapped.ToString()), ContentId.Parse(shareCid.ToString()));
        }).ConfigureAwait(false);
    }

    private AccessDeniedException NotAGuardian(EvmAddress patient, Exception? inner) =>
        new($"{Address} is not a guardian of {patient}'s current key backup; only the guardians it names can release shares.", KeyRecoveryCodes.NotAGuardian, inner);
}

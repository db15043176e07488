using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Recovery;
using MediBloc.Sdk.Roles.Provider;
using MediBloc.Sdk.Diagnostics;

namespace MediBloc.Sdk.Roles.KeyRecovery;

/// <summary>
/// What a new device does when the patient's old device (and its key) is gone: ask the guardians for their shares
/// (<see cref="CreateRequest"/>), collect the releases, recover the key (<see cref="RecoverKeyAsync"/>), then restore
/// the records with <see cref="MediBloc.Sdk.Roles.Patient.PatientCareClient.RestoreRecordsAsync"/>. Needs only the patient's address and the device's own
/// fresh key; everything else comes from the chain and the content store. Obtain one from
/// <see cref="MediBlocClient.GetKeyRecoveryClient"/>.
/// </summary>
/// <remarks>
/// Trust model: guardians are trusted parties. Any <c>threshold</c> of them together can rebuild the key without the
/// patient; fewer learn nothing about it. The SDK checks everything it can check by itself — the backup is the one the
/// patient anchored last, each share matches the digest the patient anchored for it, and the recovered key derives the
/// patient's address — but only the guardian can check that the person asking is the patient: compare
/// <see cref="KeyRecoveryRequest.VerificationCode"/> over a channel you trust before releasing.
/// </remarks>
public class KeyRecoveryClient
{
    private readonly ClientContext _client = null!;
    private readonly Secp256k1PrivateKey _deviceKey = null!;

    /// <summary>For mocking only.</summary>
    protected KeyRecoveryClient()
    {
    }

    internal KeyRecoveryClient(ClientContext client, Secp256k1PrivateKey deviceKey)
    {
        _client = client;
        _deviceKey = deviceKey;
    }

    /// <summary>The device key's public key, which guardians re-seal their shares to.</summary>
    public virtual Secp256k1PublicKey DevicePublicKey => _deviceKey.PublicKey;

    /// <summary>The request to send to each guardian; show its <see cref="KeyRecoveryRequest.VerificationCode"/> to the patient.</summary>
    /// <param name="patientAddress">The address whose key is being recovered.</param>
    /// <returns>The request.</returns>
    public virtual KeyRecoveryRequest CreateRequest(EvmAddress patientAddress) => new(patientAddress, _deviceKey.PublicKey);

    /// <summary>
    /// Recovers the patient's key from the shares guardians released to this device: checks each release against the
    /// patient's current backup (anchored by the patient, not superseded) and the share digest anchored in it, combines
    /// <c>threshold</c> valid shares, and checks the key derives <paramref name="patientAddress"/>.
    /// </summary>
    /// <param name="patientAddress">The patient's address.</param>
    /// <param name="releases">The releases the guardians handed over (see <see cref="MediBloc.Sdk.Roles.Guardian.GuardianClient.ReleaseKeyShareAsync"/>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The patient's key; dispose it when done (for example after storing it in a keystore).</returns>
    /// <exception cref="ArgumentNullException">An argument or a release is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="patientAddress"/> or a CID is malformed.</exception>
    /// <exception cref="NotFoundException">The patient has no backup (code <see cref="KeyRecoveryCodes.NoBackup"/>), or the store lacks a released object.</exception>
    /// <exception cref="KeyRecoveryException">
    /// Fewer valid shares than the threshold (<see cref="KeyRecoveryCodes.NotEnoughShares"/>: ask more guardians), or a
    /// release comes from a superseded backup (<see cref="KeyRecoveryCodes.BackupSuperseded"/>: ask that guardian again).
    /// </exception>
    /// <exception cref="IntegrityException">
    /// A share does not match the digest the patient anchored for that guardian (check <see cref="KeyRecoveryCodes.Share"/>:
    /// altered, or from another guardian or backup), a manifest was anchored by another account (<see cref="IntegrityCheck.Anchor"/>),
    /// a released object was altered (<see cref="IntegrityCheck.Cid"/>, <see cref="IntegrityCheck.Tag"/>), or the shares
    /// recombine to a key of another address (<see cref="KeyRecoveryCodes.RecoveredAddress"/>).
    /// </exception>
    /// <exception cref="AccessDeniedException">A release was sealed to another device's key (code <see cref="MediBlocErrorCode.NotARecipient"/>).</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    public virtual async Task<Secp256k1PrivateKey> RecoverKeyAsync(EvmAddress patientAddress, IEnumerable<KeyShareRelease> releases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(releases);
        var patient = patientAddress;
        return await ChainDiagnostics.TraceAsync("KeyRecoveryClient.RecoverKey", async activity =>
        {
            var shares = new List<KeyShare>();
            try
            {
                var current = await KeyBackups.FindCurrentAsync(_client, new LocalKeySigner(_deviceKey), patient, cancellationToken).ConfigureAwait(false);
                var threshold = 0;
                foreach (var release in releases)
                {
                    ArgumentNullException.ThrowIfNull(release, nameof(releases));
                    var (manifest, record) = await KeyBackups.OpenAsync(_client, new LocalKeySigner(_deviceKey), release.ManifestCid, patient, cancellationToken).ConfigureAwait(false);
                    if (record.Commitment != current.Commitment)
                    {
                        throw new KeyRecoveryException(
                            $"The share released by {release.GuardianAddress} belongs to a key backup that a newer one superseded (anchored at block {current.BlockNumber}); ask that guardian to release again.",
                            KeyRecoveryCodes.BackupSuperseded) { Cid = release.ShareCid.ToString(), SharesNeeded = manifest.Threshold };
                    }
                    threshold = manifest.Threshold;
                    var entry = manifest.Shares.FirstOrDefault(s => ManifestFields.Address(s.Guardian) == release.GuardianAddress)
                        ?? throw new IntegrityException($"{release.GuardianAddress} is not a guardian of the current key backup; its share cannot be used.", KeyRecoveryCodes.Share) { Cid = release.ShareCid.ToString() };
                    shares.Add(await OpenShareAsync(release, manifest, entry, cancellationToken).ConfigureAwait(false));
                }

                var distinct = shares.DistinctBy(s => s.Index).Count();
                if (threshold == 0 || distinct < threshold)
                {
                    var needed = threshold == 0 ? "the backup's threshold of" : threshold.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    throw new KeyRecoveryException(
                        $"Recovering this key needs {needed} guardians' shares; {distinct} valid share(s) were given. Ask more guardians to release theirs.",
                        KeyRecoveryCodes.NotEnoughShares) { SharesNeeded = threshold, SharesGiven = distinct };
                }

                Secp256k1PrivateKey key;
                try
                {
                    key = GuardianShares.Combine(shares);
                }
                catch (IntegrityException ex)
                {
                    throw new IntegrityException("The released shares do not recombine to one key: " + ex.Message, KeyRecoveryCodes.RecoveredAddress, ex);
                }
                if (key.Address != patient)
                {
                    key.Dispose();
                    throw new IntegrityException(
                        $"The shares recombine to a key of another address, not {patient}: the backup the patient anchored does not hold the patient's key. Do not use it.",
                        KeyRecoveryCodes.RecoveredAddress);
                }
                activity?.SetTag(MediBlocDiagnostics.Tags.Shares, distinct);
                Diagnostics.SdkLog.KeyRecovered(_client.Logger, distinct);
                return key;
            }
            finally
            {
                foreach (var share in shares)
                {
                    share.Dispose();
                }
            }
        }).ConfigureAwait(false);
    }

    private async Task<KeyShare> OpenShareAsync(KeyShareRelease release, KeyBackupManifest manifest, KeyBackupShare entry, CancellationToken cancellationToken)
    {
        var cid = release.ShareCid;
        var sealedShare = await _client.FetchEnvelopeAsync(cid, cancellationToken).ConfigureAwait(false);
        KeyShare share;
        try
        {
            share = GuardianShares.Open(sealedShare, _deviceKey);
        }
        catch (IntegrityException ex)
        {
            throw new IntegrityException($"The share released by {release.GuardianAddress} was altered: {ex.Message}", ex.Check, ex) { Cid = release.ShareCid.ToString() };
        }
        catch (AccessDeniedException ex)
        {
            throw new AccessDeniedException($"The share released by {release.GuardianAddress} is sealed to another device's key; ask the guardian to release it to this device.", ex.Code, ex) { Cid = release.ShareCid.ToString() };
        }
        if (!KeyBackups.Matches(manifest, entry, share))
        {
            share.Dispose();
            throw new IntegrityException(
                $"The share released by {release.GuardianAddress} does not match the digest the patient anchored for that guardian: it was altered, or belongs to another guardian or backup.",
                KeyRecoveryCodes.Share) { Cid = release.ShareCid.ToString() };
        }
        return share;
    }
}

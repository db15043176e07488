using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Roles.Provider;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.KeyEscrow;

namespace MediBloc.Sdk.Roles.Emergency;

/// <summary>
/// What a certified emergency provider does: break the glass to open a patient's vital-info profile, and nothing
/// else, without the patient's approval; the access is recorded on chain and shows in the patient's audit trail.
/// Obtain one from <see cref="MediBlocClient.GetEmergencyClient(MediBloc.Sdk.Crypto.Secp256k1PrivateKey)"/>.
/// </summary>
public class EmergencyClient
{
    private readonly ClientContext _client = null!;
    private readonly MediBlocSigner _signer = null!;

    /// <summary>For mocking only.</summary>
    protected EmergencyClient()
    {
    }

    internal EmergencyClient(ClientContext client, MediBlocSigner signer)
    {
        _client = client;
        _signer = signer;
    }

    /// <summary>The emergency provider's address.</summary>
    public virtual EvmAddress Address => _signer.Address;

    /// <summary>
    /// Breaks the glass: records on chain that this provider accesses <paramref name="patient"/>'s vital-info profile
    /// now, for <paramref name="reason"/> (only its hash goes on chain), then fetches, opens and verifies the profile.
    /// When the profile was set with key release (<see cref="MediBloc.Sdk.Roles.Patient.PatientCareClient.SetEmergencyProfileAsync(ReadOnlyMemory{byte}, string, EmergencyReleaseOptions, CancellationToken)"/>),
    /// the key to open it comes from the key-release services the patient named, asked in parallel once the
    /// break-the-glass is on chain; each checks the chain before releasing its share, and the threshold of shares is needed.
    /// </summary>
    /// <param name="patient">The patient's address.</param>
    /// <param name="reason">Why (for example <c>unconscious at scene</c>).</param>
    /// <param name="cid">
    /// The record to open, when known; it must be the vital-info profile. <see langword="null"/> to find the profile
    /// from the chain.
    /// </param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The opened profile.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty.</exception>
    /// <exception cref="AccessDeniedException">
    /// Code <see cref="AccessDenialCodes.NotCertified"/>: this account holds no live emergency provider credential;
    /// <see cref="AccessDenialCodes.NotEmergencyRecord"/>: <paramref name="cid"/> is not the vital-info profile, or the
    /// patient has none; <see cref="MediBlocErrorCode.NotARecipient"/>: the profile was not sealed to this key (and has no
    /// key release); a <see cref="KeyReleaseCodes"/> code: a key-release service refused.
    /// </exception>
    /// <exception cref="KeyReleaseUnavailableException">Fewer key-release services than the threshold answered; the break-the-glass is recorded (<see cref="MediBlocException.TransactionHash"/>), retry with <see cref="OpenAfterBreakTheGlassAsync"/>.</exception>
    /// <exception cref="Contracts.EmergencyAccess.EmergencyRateLimitException">The contract's rate limit refused the break-the-glass.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.EmergencyAccessAddress"/> or the credentials address is not set.</exception>
    /// <exception cref="IntegrityException">The profile failed a check.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain failed.</exception>
    public virtual async Task<OpenedRecord> BreakTheGlassAsync(EvmAddress patient, string reason, ContentId? cid = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return await ChainDiagnostics.TraceAsync("EmergencyClient.BreakTheGlass", async _ =>
        {
            var emergency = await _client.GetEmergencyAccessAsync(_signer, "break the glass").ConfigureAwait(false);
            var credentials = await _client.GetCredentialsAsync(_signer, "break the glass").ConfigureAwait(false);
            if (!await credentials.HasRoleAsync(Address, Contracts.Credentials.CredentialRole.EmergencyProvider, cancellationToken).ConfigureAwait(false))
            {
                throw new AccessDeniedException(
                    $"{Address} holds no live emergency provider credential; break-the-glass needs one from an authority.",
                    AccessDenialCodes.NotCertified);
            }
            var profile = await emergency.GetVitalProfileAsync(patient, cancellationToken).ConfigureAwait(false)
                ?? throw new AccessDeniedException($"Patient {patient} has set no vital-info profile.", AccessDenialCodes.NotEmergencyRecord);
            if (await emergency.GetReleaseManifestAsync(patient, cancellationToken).ConfigureAwait(false) is { } manifestCid)
            {
                var manifest = await EmergencyRelease.ReadManifestAsync(_client, manifestCid, patient, profile, cancellationToken).ConfigureAwait(false);
                if (cid is { } wanted && wanted != manifest.ProfileCid)
                {
                    throw new AccessDeniedException(
                        $"Record {wanted} is not {patient}'s vital-info profile; break-the-glass opens only that record.",
                        AccessDenialCodes.NotEmergencyRecord) { Cid = wanted.ToString() };
                }
                var access = await emergency.BreakTheGlassAsync(patient, reason, cancellationToken).ConfigureAwait(false);
                return await ReleaseAndOpenAsync(manifest, access.TransactionHash, access.BlockNumber, cancellationToken).ConfigureAwait(false);
            }
            var registry = await _client.GetRegistryAsync(_signer).ConfigureAwait(false);
            ContentId target;
            if (cid is { } asked)
            {
                var envelope = await _client.FetchEnvelopeAsync(asked, cancellationToken).ConfigureAwait(false);
                var commitment = RecordEnvelope.Open(envelope, _signer.OpeningKey()).Commitment;
                if (RecordId.Of(patient, commitment) != profile)
                {
                    throw new AccessDeniedException(
                        $"Record {asked} is not {patient}'s vital-info profile; break-the-glass opens only that record.",
                        AccessDenialCodes.NotEmergencyRecord) { Cid = asked.ToString() };
                }
                target = asked;
            }
            else
            {
                RecordAnchoredEvent? anchored = null;
                await foreach (var e in registry.GetAnchoredEventsAsync(owner: patient, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    if (e.RecordId == profile)
                    {
                        anchored = e;
                        break;
                    }
                }
                target = ContentId.Parse((anchored ?? throw new NotFoundException($"The vital-info profile {profile} has no RecordAnchored event.")).Cid);
            }
            await emergency.BreakTheGlassAsync(patient, reason, cancellationToken).ConfigureAwait(false);
            return await new RecordOpener(_client, _signer).OpenAsync(target, purpose: null, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
    /// <summary>
    /// Opens <paramref name="patient"/>'s key-release vital-info profile after a break-the-glass already on chain (for
    /// example to retry after <see cref="KeyReleaseUnavailableException"/>, without a new, rate-limited break-the-glass):
    /// asks the key-release services for their shares, naming that transaction. Each service checks that the transaction
    /// holds this provider's <c>BreakTheGlass</c> on this patient, recent enough, and that the provider is certified.
    /// </summary>
    /// <param name="patient">The patient.</param>
    /// <param name="transactionHash">This provider's break-the-glass transaction (0x-hex).</param>
    /// <param name="blockNumber">The block that holds it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The opened profile.</returns>
    /// <exception cref="ArgumentException"><paramref name="transactionHash"/> is not a transaction hash.</exception>
    /// <exception cref="NotFoundException">The patient's current profile has no key-release manifest.</exception>
    /// <exception cref="AccessDeniedException">A key-release service refused (a <see cref="KeyReleaseCodes"/> code or <see cref="AccessDenialCodes.NotCertified"/>).</exception>
    /// <exception cref="KeyReleaseUnavailableException">Fewer key-release services than the threshold answered.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.EmergencyAccessAddress"/> is not set.</exception>
    /// <exception cref="IntegrityException">The manifest, a share or the profile failed a check.</exception>
    /// <exception cref="StorageException">The content store failed.</exception>
    /// <exception cref="ChainException">The chain failed.</exception>
    public virtual async Task<OpenedRecord> OpenAfterBreakTheGlassAsync(EvmAddress patient, string transactionHash, long blockNumber, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionHash);
        return await ChainDiagnostics.TraceAsync("EmergencyClient.OpenAfterBreakTheGlass", async _ =>
        {
            var emergency = await _client.GetEmergencyAccessAsync(_signer, "open the vital-info profile").ConfigureAwait(false);
            var profile = await emergency.GetVitalProfileAsync(patient, cancellationToken).ConfigureAwait(false)
                ?? throw new AccessDeniedException($"Patient {patient} has set no vital-info profile.", AccessDenialCodes.NotEmergencyRecord);
            var manifestCid = await emergency.GetReleaseManifestAsync(patient, cancellationToken).ConfigureAwait(false)
                ?? throw new NotFoundException($"Patient {patient}'s vital-info profile has no key-release manifest; it opens only with BreakTheGlassAsync.");
            var manifest = await EmergencyRelease.ReadManifestAsync(_client, manifestCid, patient, profile, cancellationToken).ConfigureAwait(false);
            return await ReleaseAndOpenAsync(manifest, transactionHash, blockNumber, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task<OpenedRecord> ReleaseAndOpenAsync(ReleaseManifest manifest, string transactionHash, long blockNumber, CancellationToken cancellationToken)
    {
        try
        {
            return await EmergencyRelease.OpenAsync(_client, _signer.OpeningKey(), manifest, transactionHash, blockNumber, cancellationToken).ConfigureAwait(false);
        }
        catch (KeyReleaseUnavailableException ex) when (ex.TransactionHash is null)
        {
            throw new KeyReleaseUnavailableException(ex.Message, ex)
            {
                Threshold = ex.Threshold,
                Released = ex.Released,
                ServiceCount = ex.ServiceCount,
                TransactionHash = transactionHash,
                BlockNumber = blockNumber,
            };
        }
    }
}

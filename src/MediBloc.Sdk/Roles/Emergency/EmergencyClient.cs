using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Roles.Provider;
using MediBloc.Sdk.Contracts.AccessGrants;

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
    /// patient has none; <see cref="MediBlocErrorCode.NotARecipient"/>: the profile was not sealed to this key.
    /// </exception>
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
}

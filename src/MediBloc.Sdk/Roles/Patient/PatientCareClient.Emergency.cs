using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.KeyEscrow;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.Sdk.Roles.Patient;

public partial class PatientCareClient
{
    /// <summary>
    /// Publishes the vital-info profile (for example the FHIR emergency profile: allergies, medication, blood group)
    /// with <b>enforced</b> emergency access: a certified emergency provider opens it only after a break-the-glass the
    /// chain accepted (<see cref="MediBloc.Sdk.Roles.Emergency.EmergencyClient.BreakTheGlassAsync"/>). The profile is
    /// sealed to the patient and to a fresh escrow key; the escrow key is split
    /// <see cref="EmergencyReleaseOptions.Threshold"/>-of-n, each share sealed to one key-release service and bound to
    /// this patient and record; the manifest of shares goes to the content store and is named on chain with the profile.
    /// A service releases its share, sealed to the provider, only after checking the provider's credential and its
    /// <c>BreakTheGlass</c> event on chain. Every access appears in <see cref="PatientClient.GetAuditTrailAsync"/>.
    /// </summary>
    /// <param name="profile">The profile's plaintext.</param>
    /// <param name="contentType">Its content type.</param>
    /// <param name="release">The key-release services and the threshold.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The published profile record.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="contentType"/> is empty, or <paramref name="release"/> is invalid (<see cref="EmergencyReleaseOptions.Validate"/>).</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.EmergencyAccessAddress"/> is not set.</exception>
    /// <exception cref="StorageException">The content store or the outbox failed.</exception>
    /// <exception cref="ChainException">The chain failed.</exception>
    public virtual async Task<PublishedRecord> SetEmergencyProfileAsync(
        ReadOnlyMemory<byte> profile, string contentType, EmergencyReleaseOptions release, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(release);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        release.Validate();
        return await ChainDiagnostics.TraceAsync("PatientCareClient.SetEmergencyProfile", async _ =>
        {
            var emergency = await _client.GetEmergencyAccessAsync(_signer, "set the emergency profile").ConfigureAwait(false);
            using var escrow = Secp256k1PrivateKey.Generate();
            var published = await _patient.PublishAsync(profile, contentType, [escrow.PublicKey], cancellationToken).ConfigureAwait(false);
            var manifest = await EmergencyRelease.PutManifestAsync(_client, published, escrow, release, cancellationToken).ConfigureAwait(false);
            await emergency.SetVitalProfileWithReleaseAsync(published.RecordId, manifest, cancellationToken).ConfigureAwait(false);
            return published;
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes the vital-info profile sealed to the patient and directly to <paramref name="emergencyReaders"/>, and
    /// names it on chain as the one record a certified emergency provider may open without approval.
    /// <b>Not enforced:</b> whoever holds one of these keys opens the profile from the content store without any
    /// break-the-glass; the chain records only the accesses providers choose to record. Use the overload with
    /// <see cref="EmergencyReleaseOptions"/> for access that requires an accepted break-the-glass.
    /// </summary>
    /// <param name="profile">The profile's plaintext.</param>
    /// <param name="contentType">Its content type.</param>
    /// <param name="emergencyReaders">The public keys of the emergency services (or providers) that may open it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The published profile record.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="contentType"/> is empty.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.EmergencyAccessAddress"/> is not set.</exception>
    /// <exception cref="StorageException">The content store or the outbox failed.</exception>
    /// <exception cref="ChainException">The chain failed.</exception>
    public virtual async Task<PublishedRecord> SetEmergencyProfileAsync(
        ReadOnlyMemory<byte> profile, string contentType, IEnumerable<Secp256k1PublicKey> emergencyReaders, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emergencyReaders);
        return await ChainDiagnostics.TraceAsync("PatientCareClient.SetEmergencyProfile", async _ =>
        {
            var emergency = await _client.GetEmergencyAccessAsync(_signer, "set the emergency profile").ConfigureAwait(false);
            var published = await _patient.PublishAsync(profile, contentType, emergencyReaders, cancellationToken).ConfigureAwait(false);
            await emergency.SetVitalProfileAsync(published.RecordId, cancellationToken).ConfigureAwait(false);
            return published;
        }).ConfigureAwait(false);
    }
}

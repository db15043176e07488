using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.Sdk.Roles.Patient;

public partial class PatientCareClient
{
    /// <summary>
    /// Publishes the vital-info profile (for example the FHIR emergency profile: allergies, medication, blood
    /// group) sealed to the patient and to the emergency services' keys, and names it on chain as the one record
    /// a certified emergency provider may open without approval (<see cref="MediBloc.Sdk.Roles.Emergency.EmergencyClient.BreakTheGlassAsync"/>).
    /// Every such access appears in <see cref="PatientClient.GetAuditTrailAsync"/>.
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

using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Sharing;

namespace MediBloc.Samples.HospitalAdapter;

/// <summary>
/// What a patient does, once, on their own device and with their own key, before the hospital can write for them:
/// grant the hospital a write consent and hand it their public details (never their key).
/// </summary>
public static class PatientSide
{
    /// <summary>
    /// Grants the hospital a write consent for every content type (a batch needs it) and the <see cref="HospitalAdapter.Purpose"/>
    /// purpose until <paramref name="expiresAt"/>, and returns the patient's directory entry for the hospital.
    /// </summary>
    /// <param name="client">The patient's client.</param>
    /// <param name="patientKey">The patient's key (it stays with the patient).</param>
    /// <param name="hospital">The hospital's address.</param>
    /// <param name="expiresAt">When the consent ends (chain time).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The consent in force (revoke it with <see cref="Sdk.Roles.Patient.PatientClient.RevokeAsync"/> and its grant id).</returns>
    public static async Task<WriteConsent> GrantWriteAsync(
        MediBlocClient client, Secp256k1PrivateKey patientKey, EvmAddress hospital, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(patientKey);
        #region Snippet:PatientGrantsHospitalWrites
        // On the patient's device, with the patient's key: the hospital may add records of any type to my record,
        // for treatment, until a date. It reads nothing else of mine, and I can revoke it at any time.
        var patient = client.GetPatientClient(patientKey);
        WriteConsent consent = await patient.GrantWriteAccessAsync(hospital, AccessScope.All, "TREAT", expiresAt, cancellationToken).ConfigureAwait(false);
        #endregion
        return consent;
    }
}

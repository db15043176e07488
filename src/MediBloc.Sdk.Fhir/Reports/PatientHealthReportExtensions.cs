using MediBloc.Sdk.Roles.Patient;

namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>The personal health report from the patient's side: open my records on this device, build the report.</summary>
public static class PatientHealthReportExtensions
{
    /// <summary>
    /// Opens the patient's own records (<see cref="PatientClient.OpenMyRecordsAsync"/>: fetched, decrypted and
    /// verified on this device) and builds the report from them. Nothing leaves the device.
    /// </summary>
    /// <param name="patient">The patient.</param>
    /// <param name="asOf">The day the report is for.</param>
    /// <param name="options">Options; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patient"/> is null.</exception>
    /// <exception cref="FhirFormatException">The records hold Patient resources with different ids.</exception>
    /// <exception cref="ChainException">The chain could not be read.</exception>
    /// <exception cref="StorageException">The content store could not be read.</exception>
    /// <exception cref="NotFoundException">A record's envelope is not in the content store.</exception>
    /// <exception cref="IntegrityException">A record does not match its CID or its anchored commitment.</exception>
    public static async Task<HealthReport> BuildHealthReportAsync(
        this PatientClient patient, DateOnly asOf, HealthReportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var records = await patient.OpenMyRecordsAsync(null, cancellationToken).ConfigureAwait(false);
        return HealthReportBuilder.Build(records, asOf, options);
    }
}

using MediBloc.Sdk.Roles.Patient;

namespace MediBloc.Sdk.Fhir.Reports;

/// <summary>The personal health report from the patient's side: open my records on this device, build the report.</summary>
public static class PatientHealthReportExtensions
{
    /// <summary>
    /// Opens the patient's own records (<see cref="PatientClient.OpenReadableRecordsAsync"/>: fetched, decrypted and
    /// verified on this device) and builds the report from them. Nothing leaves the device. A record that cannot be
    /// opened (its envelope lost, tampered with or malformed) does not stop the report: it is listed in
    /// <see cref="HealthReport.Ignored"/> as <c>record &lt;cid&gt;</c>.
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
    public static async Task<HealthReport> BuildHealthReportAsync(
        this PatientClient patient, DateOnly asOf, HealthReportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var records = await patient.OpenReadableRecordsAsync(null, cancellationToken).ConfigureAwait(false);
        var report = HealthReportBuilder.Build(records.Opened, asOf, options);
        return records.Unreadable.Count == 0 ? report : report with
        {
            Ignored = [.. report.Ignored, .. records.Unreadable.Select(r => new IgnoredInput("record " + r.Cid, "could not be opened (" + r.Code + ")"))],
        };
    }
}

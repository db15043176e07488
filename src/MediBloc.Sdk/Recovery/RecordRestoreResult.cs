namespace MediBloc.Sdk.Recovery;

/// <summary>What <see cref="Roles.Patient.PatientCareClient.RestoreRecordsAsync"/> found: every record anchored by the patient, restored or not.</summary>
/// <param name="Restored">The records opened and verified, in chain order; the content store now holds each.</param>
/// <param name="Failures">The records that could not be restored, with the reason.</param>
public sealed record RecordRestoreResult(IReadOnlyList<RestoredRecord> Restored, IReadOnlyList<RestoreFailure> Failures);

namespace MediBloc.Sdk.Contracts.EmergencyAccess;

/// <summary>The codes of <see cref="EmergencyRateLimitException"/>.</summary>
public static class EmergencyCodes
{
    /// <summary>This provider broke the glass on this patient less than <see cref="EmergencyAccessClient.PatientInterval"/> ago.</summary>
    public static MediBlocErrorCode PatientRateLimited { get; } = new("EmergencyPatientRateLimited");

    /// <summary>This provider reached <see cref="EmergencyAccessClient.DailyCap"/> break-the-glass accesses today (UTC).</summary>
    public static MediBlocErrorCode DailyCapReached { get; } = new("EmergencyDailyCapReached");
}

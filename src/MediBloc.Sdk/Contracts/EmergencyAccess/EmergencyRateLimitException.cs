namespace MediBloc.Sdk.Contracts.EmergencyAccess;

/// <summary>
/// A break-the-glass access was refused by the rate limit: one access per provider per patient per
/// <see cref="EmergencyAccessClient.PatientInterval"/> (<see cref="EmergencyCodes.PatientRateLimited"/>), and at most
/// <see cref="EmergencyAccessClient.DailyCap"/> accesses per provider per UTC day (<see cref="EmergencyCodes.DailyCapReached"/>).
/// Nothing was recorded. A provider who already opened the profile has what it holds; <see cref="RetryAt"/> says when
/// the next access is allowed.
/// </summary>
public class EmergencyRateLimitException : ChainException
{
    /// <summary>Creates the exception with a default message.</summary>
    public EmergencyRateLimitException() : this("The break-the-glass rate limit refused this access.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    public EmergencyRateLimitException(string message) : this(message, EmergencyCodes.PatientRateLimited) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public EmergencyRateLimitException(string message, Exception? innerException) : this(message, EmergencyCodes.PatientRateLimited, innerException) { }

    /// <summary>Creates the exception with a code.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="code">The machine-readable code (see <see cref="EmergencyCodes"/>).</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public EmergencyRateLimitException(string message, MediBlocErrorCode code, Exception? innerException = null) : base(message, code, innerException) { }

    /// <summary>When the provider may break the glass again (on this patient, or at all for the daily cap).</summary>
    public DateTimeOffset RetryAt { get; init; }
}

namespace MediBloc.Sdk.Sharing;

/// <summary>The <see cref="MediBlocException.Code"/> values of the <see cref="AccessDeniedException"/>s the workflows throw.</summary>
public static class AccessDenialCodes
{
    /// <summary>The chain holds no live grant for this reader, record and purpose (never granted, expired, or revoked).</summary>
    public static MediBlocErrorCode NotPermitted { get; } = new("NotPermitted");

    /// <summary>The reader holds no valid credential for the role the workflow needs (for example a certified provider).</summary>
    public static MediBlocErrorCode NotCertified { get; } = new("NotCertified");

    /// <summary>Break-the-glass opens only the patient's vital-info profile; the record asked for is not it (or the patient has none).</summary>
    public static MediBlocErrorCode NotEmergencyRecord { get; } = new("NotEmergencyRecord");
}

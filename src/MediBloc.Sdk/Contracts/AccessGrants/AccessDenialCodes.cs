namespace MediBloc.Sdk.Contracts.AccessGrants;

/// <summary>The <see cref="MediBlocException.Code"/> values of the <see cref="AccessDeniedException"/>s the workflows throw.</summary>
public static class AccessDenialCodes
{
    /// <summary>The chain holds no live grant for this reader, record and purpose (never granted, expired, or revoked).</summary>
    public static MediBlocErrorCode NotPermitted { get; } = new("NotPermitted");

    /// <summary>The reader holds no valid credential for the role the workflow needs (for example a certified provider).</summary>
    public static MediBlocErrorCode NotCertified { get; } = new("NotCertified");

    /// <summary>Break-the-glass opens only the patient's vital-info profile; the record asked for is not it (or the patient has none).</summary>
    public static MediBlocErrorCode NotEmergencyRecord { get; } = new("NotEmergencyRecord");

    /// <summary>The account is not a credentials authority, so it may not certify, revoke or challenge.</summary>
    public static MediBlocErrorCode NotAuthority { get; } = new("NotAuthority");

    /// <summary>The patient never gave this provider a write grant for this content type and purpose.</summary>
    public static MediBlocErrorCode NoWriteConsent { get; } = new("NoWriteConsent");

    /// <summary>The patient's write grant for this provider, content type and purpose has expired.</summary>
    public static MediBlocErrorCode WriteConsentExpired { get; } = new("WriteConsentExpired");

    /// <summary>The patient revoked the write grant for this provider, content type and purpose.</summary>
    public static MediBlocErrorCode WriteConsentRevoked { get; } = new("WriteConsentRevoked");

    /// <summary>The patient's write grants to this provider for this purpose cover other content types, not this one.</summary>
    public static MediBlocErrorCode WriteScopeMismatch { get; } = new("WriteScopeMismatch");
}

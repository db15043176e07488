namespace MediBloc.Sdk.KeyEscrow;

/// <summary>
/// The codes of key-release refusals (<see cref="AccessDeniedException"/>, <see cref="InvalidFormatException"/>) and of
/// <see cref="KeyReleaseUnavailableException"/>. A service answers a refusal with one of these codes.
/// </summary>
public static class KeyReleaseCodes
{
    /// <summary>The chain holds no accepted break-the-glass by the requester on this patient in the named transaction.</summary>
    public static MediBlocErrorCode NoBreakTheGlass { get; } = new("KeyReleaseNoBreakTheGlass");

    /// <summary>The break-the-glass is older than the service's release window; break the glass again.</summary>
    public static MediBlocErrorCode BreakTheGlassExpired { get; } = new("KeyReleaseBreakTheGlassExpired");

    /// <summary>The share the request carries belongs to another patient than the one named.</summary>
    public static MediBlocErrorCode WrongPatient { get; } = new("KeyReleaseWrongPatient");

    /// <summary>The share belongs to a profile record that is no longer the patient's current vital-info profile.</summary>
    public static MediBlocErrorCode ProfileChanged { get; } = new("KeyReleaseProfileChanged");

    /// <summary>The request's signature is missing or does not verify.</summary>
    public static MediBlocErrorCode BadSignature { get; } = new("KeyReleaseBadSignature");

    /// <summary>The share the request carries is not sealed to this service.</summary>
    public static MediBlocErrorCode NotThisService { get; } = new("KeyReleaseNotThisService");

    /// <summary>Fewer key-release services released their share than the threshold needs.</summary>
    public static MediBlocErrorCode ServicesUnavailable { get; } = new("KeyReleaseServicesUnavailable");
}

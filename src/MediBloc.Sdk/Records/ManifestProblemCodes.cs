namespace MediBloc.Sdk.Records;

/// <summary>The <see cref="ManifestProblem.Code"/> values: why a share or batch manifest was skipped.</summary>
public static class ManifestProblemCodes
{
    /// <summary>The CID named on chain is not a CID. Remembered.</summary>
    public static MediBlocErrorCode InvalidCid { get; } = new("InvalidCid");

    /// <summary>The content store does not hold the manifest (yet). Tried again on the next listing.</summary>
    public static MediBlocErrorCode NotFound { get; } = new("NotFound");

    /// <summary>The manifest is larger than <see cref="MediBlocClientOptions.MaxManifestBytes"/>; it was not read further. Remembered.</summary>
    public static MediBlocErrorCode TooLarge { get; } = MediBlocErrorCode.TooLarge;

    /// <summary>The content store returned bytes that do not hash to the CID. Tried again on the next listing.</summary>
    public static MediBlocErrorCode CidMismatch { get; } = new("CidMismatch");

    /// <summary>The share manifest's envelope is malformed or altered, or it is over the limits for untrusted envelopes. Remembered.</summary>
    public static MediBlocErrorCode Unreadable { get; } = new("Unreadable");

    /// <summary>The bytes are not a manifest of this version, or a field is missing, null or invalid. Remembered.</summary>
    public static MediBlocErrorCode Malformed { get; } = new("Malformed");

    /// <summary>The share manifest names a grant whose owner is not the account that anchored the manifest. Remembered.</summary>
    public static MediBlocErrorCode WrongOwner { get; } = new("WrongOwner");

    /// <summary>The batch manifest's records do not rebuild the anchored root (or count). Remembered.</summary>
    public static MediBlocErrorCode RootMismatch { get; } = new("RootMismatch");
}

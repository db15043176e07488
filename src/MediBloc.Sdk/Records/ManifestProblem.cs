using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Records;

/// <summary>
/// One share or batch manifest that a listing skipped, and why. Manifests are named by other accounts' chain events,
/// so one that is missing, oversized or malformed never stops the listing: the good items are returned, and each bad
/// manifest is reported once with its CID, what it belongs to and a reason code.
/// </summary>
/// <param name="Kind">What it is: <see cref="ShareKind"/> or <see cref="BatchKind"/>.</param>
/// <param name="Cid">The manifest's CID as named on chain (cut short when it is not a CID).</param>
/// <param name="Owner">The account that anchored it.</param>
/// <param name="Id">For a batch, its anchored root; for a share manifest, the grant id when it could be read; otherwise <see langword="null"/>.</param>
/// <param name="Code">Why: one of <see cref="ManifestProblemCodes"/>.</param>
/// <param name="Reason">Why, in words (without the manifest's content).</param>
/// <param name="Remembered">
/// <see langword="true"/> when the refusal is final (the bytes under a CID never change) and the client remembers it, so
/// the manifest is not fetched again; <see langword="false"/> when the next listing tries again (for example a manifest
/// not in the content store yet).
/// </param>
public sealed record ManifestProblem(string Kind, string Cid, EvmAddress Owner, string? Id, MediBlocErrorCode Code, string Reason, bool Remembered)
{
    /// <summary>The <see cref="Kind"/> of a share manifest.</summary>
    public const string ShareKind = "share";

    /// <summary>The <see cref="Kind"/> of a batch manifest.</summary>
    public const string BatchKind = "batch";
}

using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Storage;
namespace MediBloc.Sdk.Sharing;

/// <summary>What <see cref="Roles.Patient.PatientClient.ShareAsync"/> did.</summary>
/// <param name="GrantId">The grant in force on chain (0x-hex); pass it to <see cref="Roles.Patient.PatientClient.RevokeAsync"/>.</param>
/// <param name="Grantee">Who may read.</param>
/// <param name="Purpose">The purpose-of-use code the grant is for.</param>
/// <param name="ExpiresAt">When the grant ends.</param>
/// <param name="Records">The records re-wrapped for the grantee (those in scope when the share was made).</param>
/// <param name="ManifestCid">The CID of the share manifest (sealed to the patient and the grantee, anchored by the patient).</param>
/// <param name="TransactionHash">The grant's transaction.</param>
public sealed record ShareResult(
    string GrantId,
    EvmAddress Grantee,
    string Purpose,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<SharedRecord> Records,
    ContentId ManifestCid,
    string TransactionHash)
{
    /// <summary>
    /// The patient's batches whose manifest could not be read (missing, oversized, malformed or not matching its root):
    /// their records were not in scope and were not shared. Empty when every batch was read.
    /// </summary>
    public IReadOnlyList<Records.ManifestProblem> Skipped { get; init; } = [];
}

using System.Numerics;
using MediBloc.Sdk.Contracts.InsuranceClaims;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Claims;

/// <summary>A claim the patient filed: its id, the sealed claim record, and the grants that let the insurer read it.</summary>
/// <param name="ClaimId">The claim id on chain (0x-hex).</param>
/// <param name="PolicyId">The policy.</param>
/// <param name="ClaimRecordId">The record id of the anchored claim record.</param>
/// <param name="EncounterRecordId">The record id of the supporting record holding the claim's Encounter (claimed once per policy).</param>
/// <param name="ClaimCid">The CID of the claim record's envelope.</param>
/// <param name="GrantIds">The record-scoped grants for the payment purpose (one per supporting record, then the claim record's); revoke them to end the insurer's access.</param>
/// <param name="Filing">The filing transaction.</param>
public sealed record FiledClaim(
    string ClaimId,
    BigInteger PolicyId,
    RecordId ClaimRecordId,
    RecordId EncounterRecordId,
    ContentId ClaimCid,
    IReadOnlyList<string> GrantIds,
    ClaimFiling Filing);

using MediBloc.Sdk.Contracts.InsuranceClaims;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;

namespace MediBloc.Sdk.Claims;

/// <summary>A filed claim as its insurer opens it: the on-chain claim, the claim document and the records it rests on, each verified against the chain and each read audited.</summary>
/// <param name="Claim">The claim on chain.</param>
/// <param name="PatientKey">The patient's public key, from the claim record (its address is the claim's patient); decisions are sealed to it.</param>
/// <param name="ClaimDocument">The claim document.</param>
/// <param name="ClaimContentType">Its content type.</param>
/// <param name="Records">The supporting records, opened.</param>
public sealed record SubmittedClaim(
    InsuranceClaim Claim,
    Secp256k1PublicKey PatientKey,
    ReadOnlyMemory<byte> ClaimDocument,
    string ClaimContentType,
    IReadOnlyList<OpenedRecord> Records)
{
    /// <summary>
    /// The supporting record the filing names on chain as the encounter record (<see cref="InsuranceClaim.EncounterRecordId"/>),
    /// or <see langword="null"/> when the claim record does not list it (such a claim rests on no encounter: deny it as invalid).
    /// </summary>
    public OpenedRecord? EncounterRecord => Records.FirstOrDefault(r => RecordId.Of(r.Owner, r.Commitment).ToString() == Claim.EncounterRecordId);
}

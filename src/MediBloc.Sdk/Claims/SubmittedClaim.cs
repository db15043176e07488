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
    IReadOnlyList<OpenedRecord> Records);

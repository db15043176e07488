using System.Numerics;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Contracts.InsuranceClaims;

/// <summary>A claim as the claims contract holds it. Amounts are in MED's smallest unit.</summary>
/// <param name="ClaimId">The claim id: keccak256(abi.encode(policyId, claimRecordId)) (0x-hex).</param>
/// <param name="PolicyId">The policy it was filed under.</param>
/// <param name="Patient">The member that filed it (the claim record's owner).</param>
/// <param name="Payee">Who receives the payment.</param>
/// <param name="ClaimRecordId">The record id of the sealed claim record (0x-hex).</param>
/// <param name="EncounterRecordId">The record id of the patient's record holding the claim's Encounter (0x-hex); one claim per encounter record and policy.</param>
/// <param name="Amount">The MED claimed (reserved in the pool while <see cref="InsuranceClaimStatus.Filed"/>).</param>
/// <param name="PaidAmount">The MED paid (zero unless paid).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="DenialReason">Why it was denied (<see cref="ClaimDenialReason.None"/> unless denied).</param>
/// <param name="FiledAt">When it was filed (chain time).</param>
public sealed record InsuranceClaim(
    string ClaimId,
    BigInteger PolicyId,
    EvmAddress Patient,
    EvmAddress Payee,
    string ClaimRecordId,
    string EncounterRecordId,
    BigInteger Amount,
    BigInteger PaidAmount,
    InsuranceClaimStatus Status,
    ClaimDenialReason DenialReason,
    DateTimeOffset FiledAt);

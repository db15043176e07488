using System.Numerics;

namespace MediBloc.Sdk.Contracts.InsuranceClaims;

/// <summary>The insurer's decision on a claim as the chain logged it (a <c>ClaimPaid</c> or <c>ClaimDenied</c> event), or its claimant's withdrawal after the decision window (<c>ClaimWithdrawn</c>).</summary>
/// <param name="ClaimId">The claim id (0x-hex).</param>
/// <param name="PolicyId">The policy.</param>
/// <param name="Status"><see cref="InsuranceClaimStatus.Paid"/>, <see cref="InsuranceClaimStatus.Denied"/> or <see cref="InsuranceClaimStatus.Withdrawn"/>.</param>
/// <param name="PaidAmount">The MED paid (zero for a denial or a withdrawal).</param>
/// <param name="DenialReason">Why it was denied (<see cref="ClaimDenialReason.None"/> for a payment).</param>
/// <param name="DecisionCid">The CID of the sealed decision document, or empty (always for a withdrawal).</param>
/// <param name="BlockNumber">The block that holds it.</param>
/// <param name="TransactionHash">The deciding (or withdrawing) transaction.</param>
public sealed record ClaimDecisionEvent(
    string ClaimId, BigInteger PolicyId, InsuranceClaimStatus Status, BigInteger PaidAmount, ClaimDenialReason DenialReason, string DecisionCid, long BlockNumber, string TransactionHash);

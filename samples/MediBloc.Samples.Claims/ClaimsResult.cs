using System.Numerics;
using MediBloc.Sdk.Contracts.InsuranceClaims;

namespace MediBloc.Samples.Claims;

/// <summary>What the claims story did.</summary>
/// <param name="PaidClaimId">The claim that was paid.</param>
/// <param name="PaidMed">The MED the patient received (smallest unit).</param>
/// <param name="EobPayment">The payment the patient's ExplanationOfBenefit shows (in the rules' currency).</param>
/// <param name="DeniedClaimId">The claim that was denied.</param>
/// <param name="DenialReason">Why the chain says it was denied.</param>
/// <param name="PoolLeft">The policy pool after both decisions (smallest unit).</param>
public sealed record ClaimsResult(string PaidClaimId, BigInteger PaidMed, decimal? EobPayment, string DeniedClaimId, ClaimDenialReason DenialReason, BigInteger PoolLeft)
{
    /// <summary>Whether the story ended as told: one claim paid and shown in the EOB, one denied by rule.</summary>
    public bool Succeeded => PaidMed > 0 && EobPayment > 0 && DenialReason == ClaimDenialReason.Excluded;
}

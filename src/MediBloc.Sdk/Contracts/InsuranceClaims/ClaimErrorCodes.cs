namespace MediBloc.Sdk.Contracts.InsuranceClaims;

/// <summary>The error codes of claim refusals the SDK raises before sending anything.</summary>
public static class ClaimErrorCodes
{
    /// <summary>The account is not a member of the policy (the insurer enrols members).</summary>
    public static MediBlocErrorCode NotPolicyMember { get; } = new("NotPolicyMember");

    /// <summary>The policy does not exist, its coverage period excludes now, or the amount exceeds its per-claim cap or its unreserved pool.</summary>
    public static MediBlocErrorCode NotClaimable { get; } = new("NotClaimable");

    /// <summary>A claim naming this encounter record was filed already under the policy (one claim per encounter); the chain refuses a second one with <c>EncounterAlreadyClaimed</c>.</summary>
    public static MediBlocErrorCode EncounterAlreadyClaimed { get; } = new("EncounterAlreadyClaimed");

    /// <summary>The member holds the policy's <see cref="PolicyLimits.MaxOpenClaims"/> undecided claims already (a decision or a withdrawal frees a slot); the chain refuses with <c>TooManyOpenClaims</c>.</summary>
    public static MediBlocErrorCode TooManyOpenClaims { get; } = new("TooManyOpenClaims");

    /// <summary>Only the claim's claimant may withdraw it; the chain refuses anyone else with <c>NotClaimant</c>.</summary>
    public static MediBlocErrorCode NotClaimant { get; } = new("NotClaimant");

    /// <summary>The claim cannot be withdrawn: it was decided or withdrawn already (<c>AlreadyDecided</c>), or the policy's decision window is still open (<c>DecisionPending</c>).</summary>
    public static MediBlocErrorCode NotWithdrawable { get; } = new("NotWithdrawable");
}

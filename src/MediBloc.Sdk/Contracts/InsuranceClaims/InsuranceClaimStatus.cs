namespace MediBloc.Sdk.Contracts.InsuranceClaims;

/// <summary>Where a claim stands on chain.</summary>
public enum InsuranceClaimStatus
{
    /// <summary>No claim has this id.</summary>
    None = 0,

    /// <summary>Filed and awaiting the insurer's decision; its amount is reserved in the policy's pool.</summary>
    Filed = 1,

    /// <summary>Paid to the payee (final).</summary>
    Paid = 2,

    /// <summary>Denied with a reason code (final).</summary>
    Denied = 3,

    /// <summary>Withdrawn by its claimant after the policy's decision window passed undecided (final; its reservation is released).</summary>
    Withdrawn = 4,
}

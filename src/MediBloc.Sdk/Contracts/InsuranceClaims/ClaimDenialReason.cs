namespace MediBloc.Sdk.Contracts.InsuranceClaims;

/// <summary>
/// Why a claim was denied: the reason code the insurer records on chain with <c>deny</c> (the contract stores the
/// number; these are the values the SDK's adjudication uses).
/// </summary>
public enum ClaimDenialReason
{
    /// <summary>No reason (not a valid denial).</summary>
    None = 0,

    /// <summary>No billed item is covered by the policy's rules.</summary>
    NotCovered = 1,

    /// <summary>A billed service or a diagnosis is excluded by the policy's rules.</summary>
    Excluded = 2,

    /// <summary>The service date lies outside the coverage period.</summary>
    OutsideCoveragePeriod = 3,

    /// <summary>After the deductible and the co-pay nothing is left to pay.</summary>
    NothingPayable = 4,

    /// <summary>The claim document is invalid FHIR or does not match what was filed on chain.</summary>
    InvalidClaim = 5,

    /// <summary>The claim names a different patient, coverage or insurer than the filing.</summary>
    PartyMismatch = 6,

    /// <summary>The claim's encounter (its business identifier, or its id when it has none) was claimed already under the policy by an earlier filing: one claim per encounter.</summary>
    Duplicate = 7,
}

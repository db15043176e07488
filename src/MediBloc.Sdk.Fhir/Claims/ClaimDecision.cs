using System.Numerics;
using Hl7.Fhir.Model;
using MediBloc.Sdk.Contracts.InsuranceClaims;

namespace MediBloc.Sdk.Fhir.Claims;

/// <summary>
/// The outcome of adjudicating one claim by declared rules: paid (<see cref="Benefit"/> &gt; 0, <see cref="PayableMed"/>
/// to pay on chain) or denied with a typed <see cref="DenialReason"/> (the same code the chain records), with the
/// FHIR <c>ClaimResponse</c> and <c>ExplanationOfBenefit</c> that explain it.
/// </summary>
/// <param name="DenialReason"><see cref="ClaimDenialReason.None"/> when the claim is paid.</param>
/// <param name="Submitted">The claim's total, in the rules' currency.</param>
/// <param name="Eligible">What the rules allow of it.</param>
/// <param name="Deductible">The deductible taken off.</param>
/// <param name="CoPay">The member's co-pay.</param>
/// <param name="Benefit">What the policy pays, after the per-claim cap.</param>
/// <param name="PayableMed">The benefit in MED's smallest unit (10^-18 MED).</param>
/// <param name="ClaimResponse">The FHIR R4 ClaimResponse.</param>
/// <param name="ExplanationOfBenefit">The FHIR R4 ExplanationOfBenefit.</param>
public sealed record ClaimDecision(
    ClaimDenialReason DenialReason,
    decimal Submitted,
    decimal Eligible,
    decimal Deductible,
    decimal CoPay,
    decimal Benefit,
    BigInteger PayableMed,
    ClaimResponse ClaimResponse,
    ExplanationOfBenefit ExplanationOfBenefit)
{
    /// <summary>The content type of <see cref="ToDocument"/>.</summary>
    public const string DocumentContentType = "application/fhir+json";

    /// <summary>Whether the claim is paid.</summary>
    public bool IsPaid => DenialReason == ClaimDenialReason.None;

    /// <summary>The decision document: a FHIR <c>Bundle</c> (collection) of the ClaimResponse and the ExplanationOfBenefit, as JSON.</summary>
    /// <returns>UTF-8 JSON.</returns>
    public byte[] ToDocument() => FhirJson.Serialize(new Bundle
    {
        Type = Bundle.BundleType.Collection,
        Entry =
        [
            new Bundle.EntryComponent { FullUrl = "urn:uuid:" + Guid.NewGuid(), Resource = ClaimResponse },
            new Bundle.EntryComponent { FullUrl = "urn:uuid:" + Guid.NewGuid(), Resource = ExplanationOfBenefit },
        ],
    });

    /// <summary>Reads the ExplanationOfBenefit back from a decision document (what the patient sees).</summary>
    /// <param name="document">A document from <see cref="ToDocument"/>.</param>
    /// <returns>The ExplanationOfBenefit.</returns>
    /// <exception cref="FhirFormatException">The document is not a decision bundle.</exception>
    public static ExplanationOfBenefit ReadExplanationOfBenefit(ReadOnlyMemory<byte> document) =>
        FhirJson.Parse<Bundle>(document).Entry.Select(e => e.Resource).OfType<ExplanationOfBenefit>().FirstOrDefault()
            ?? throw new FhirFormatException("$.entry: the decision document holds no ExplanationOfBenefit.", "$.entry");
}

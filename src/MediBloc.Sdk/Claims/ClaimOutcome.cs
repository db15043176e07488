using MediBloc.Sdk.Contracts.InsuranceClaims;

namespace MediBloc.Sdk.Claims;

/// <summary>The insurer's decision on a claim as the patient reads it: the on-chain decision and the decision document sealed to the patient.</summary>
/// <param name="Decision">The decision the chain logged (paid amount or denial reason).</param>
/// <param name="Document">The decision document (for example a FHIR Bundle with the ClaimResponse and the ExplanationOfBenefit), or empty when the insurer attached none.</param>
/// <param name="DocumentContentType">Its content type, or empty.</param>
public sealed record ClaimOutcome(ClaimDecisionEvent Decision, ReadOnlyMemory<byte> Document, string DocumentContentType);

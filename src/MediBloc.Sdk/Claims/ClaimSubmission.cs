using System.Numerics;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Claims;

/// <summary>What a patient files: the claim document, the records it rests on, the policy and the amount.</summary>
/// <param name="PolicyId">The policy the claim is filed under (the patient must be a member).</param>
/// <param name="Insurer">The policy insurer's public key: the claim and the supporting records are made readable to it, for the payment purpose only.</param>
/// <param name="ClaimDocument">The claim document (for example a FHIR R4 <c>Claim</c> as JSON).</param>
/// <param name="SupportingRecords">The commitments of the patient's records the claim rests on (the encounter's records); each is shared with the insurer by its own record-scoped grant, and nothing else is.</param>
/// <param name="Amount">The MED claimed, in the smallest unit (positive, at most the policy's cap).</param>
/// <param name="AccessExpiresAt">When the insurer's read grants end.</param>
public sealed record ClaimSubmission(
    BigInteger PolicyId,
    Secp256k1PublicKey Insurer,
    ReadOnlyMemory<byte> ClaimDocument,
    IReadOnlyList<Commitment> SupportingRecords,
    BigInteger Amount,
    DateTimeOffset AccessExpiresAt)
{
    /// <summary>The claim document's content type; <c>application/fhir+json</c> by default.</summary>
    public string ClaimContentType { get; init; } = "application/fhir+json";

    /// <summary>Who receives the payment; <see langword="null"/> for the patient's own account.</summary>
    public EvmAddress? Payee { get; init; }

    /// <summary>
    /// The commitment of the supporting record that holds the claim's <c>Encounter</c> (it must be one of
    /// <see cref="SupportingRecords"/>); <see langword="null"/> for the first supporting record. The chain takes one
    /// claim per encounter record and policy.
    /// </summary>
    public Commitment? EncounterRecord { get; init; }
}

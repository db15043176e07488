namespace MediBloc.Sdk.Crypto;

/// <summary>The result of opening a record envelope in memory.</summary>
/// <param name="Plaintext">The record.</param>
/// <param name="ContentType">The content type sealed with it, e.g. <c>application/fhir+json</c>.</param>
/// <param name="Commitment">The recomputed 32-byte commitment <c>SHA-256(salt ‖ plaintext)</c>; compare it with the anchored one.</param>
/// <param name="CommitmentSalt">The 32-byte salt of the commitment, to disclose together with the plaintext to whoever must verify it.</param>
public sealed record OpenedEnvelope(ReadOnlyMemory<byte> Plaintext, string ContentType, Commitment Commitment, ReadOnlyMemory<byte> CommitmentSalt);

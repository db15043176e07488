namespace MediBloc.Sdk.Crypto;

/// <summary>The result of opening a record envelope into a stream.</summary>
/// <param name="ContentType">The content type sealed with the record.</param>
/// <param name="Commitment">The recomputed 32-byte commitment; compare it with the anchored one.</param>
/// <param name="CommitmentSalt">The 32-byte salt of the commitment.</param>
/// <param name="PlaintextLength">The plaintext bytes written.</param>
public sealed record OpenStreamResult(string ContentType, Commitment Commitment, ReadOnlyMemory<byte> CommitmentSalt, long PlaintextLength);

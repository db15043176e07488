namespace MediBloc.Sdk.Crypto;

/// <summary>The result of sealing a record from a stream.</summary>
/// <param name="Commitment">The 32-byte salted commitment to anchor on chain.</param>
/// <param name="PlaintextLength">The plaintext bytes read.</param>
/// <param name="EnvelopeLength">The envelope bytes written.</param>
public sealed record SealStreamResult(Commitment Commitment, long PlaintextLength, long EnvelopeLength);

namespace MediBloc.Sdk.Crypto;

/// <summary>The result of sealing a record in memory.</summary>
/// <param name="Envelope">The envelope bytes, safe to store anywhere (device, IPFS).</param>
/// <param name="Commitment">The 32-byte salted commitment <c>SHA-256(salt ‖ plaintext)</c> to anchor on chain.</param>
public sealed record SealedEnvelope(ReadOnlyMemory<byte> Envelope, Commitment Commitment);

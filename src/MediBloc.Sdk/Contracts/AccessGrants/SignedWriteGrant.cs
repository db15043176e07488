using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Contracts.AccessGrants;

/// <summary>A write grant with its EIP-712 signature, ready for anyone to submit.</summary>
/// <param name="Grant">The grant as signed (its <see cref="WriteGrant.Salt"/> is always set).</param>
/// <param name="Signer">The signing account (the owner, a delegate or a guardian).</param>
/// <param name="Signature">The 65-byte signature (r, s, v) as 0x-hex.</param>
/// <param name="GrantId">The grant's id: its EIP-712 digest (0x-hex); revoke it like a read grant.</param>
public sealed record SignedWriteGrant(WriteGrant Grant, EvmAddress Signer, string Signature, string GrantId);

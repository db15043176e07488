using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Contracts.AccessGrants;

/// <summary>An access grant with its EIP-712 signature, ready for anyone to submit.</summary>
/// <param name="Grant">The grant as signed (its <see cref="AccessGrant.Salt"/> is always set).</param>
/// <param name="Signer">The signing account (the owner, a delegate or a guardian).</param>
/// <param name="Signature">The 65-byte signature (r, s, v) as 0x-hex.</param>
/// <param name="GrantId">The grant's id: its EIP-712 digest (0x-hex).</param>
public sealed record SignedAccessGrant(AccessGrant Grant, EvmAddress Signer, string Signature, string GrantId);

using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Access.Messages;

/// <summary>
/// <c>AccessGrants.Grant</c>: both the ABI tuple passed to <c>submitGrant</c> and the EIP-712 struct the owner signs
/// (<c>Grant(address owner,address grantee,uint8 scopeKind,bytes32 scope,bytes32 purpose,uint64 expiresAt,bytes32 salt)</c>).
/// </summary>
[Struct("Grant")]
internal sealed class GrantStruct
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("address", "grantee", 2)]
    public string Grantee { get; set; } = string.Empty;

    [Parameter("uint8", "scopeKind", 3)]
    public byte ScopeKind { get; set; }

    [Parameter("bytes32", "scope", 4)]
    public byte[] Scope { get; set; } = new byte[32];

    [Parameter("bytes32", "purpose", 5)]
    public byte[] Purpose { get; set; } = new byte[32];

    [Parameter("uint64", "expiresAt", 6)]
    public BigInteger ExpiresAt { get; set; }

    [Parameter("bytes32", "salt", 7)]
    public byte[] Salt { get; set; } = new byte[32];
}

using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Access.Messages;

/// <summary>
/// <c>AccessGrants.Grant</c>: both the ABI tuple passed to the contract and the EIP-712 struct the owner signs
/// (<c>Grant(address owner,address grantee,uint8 scopeKind,bytes32 scope,bytes32 purpose,uint64 expiresAt,uint32 version,uint32 epoch,bytes32 salt)</c>).
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
    public ulong ExpiresAt { get; set; }

    [Parameter("uint32", "version", 7)]
    public uint Version { get; set; }

    [Parameter("uint32", "epoch", 8)]
    public uint Epoch { get; set; }

    [Parameter("bytes32", "salt", 9)]
    public byte[] Salt { get; set; } = new byte[32];
}

using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.revokeWriteGrantInForce(address,address,uint8,bytes32,bytes32)</c>.</summary>
[Function("revokeWriteGrantInForce")]
internal sealed class RevokeWriteGrantInForceFunction : FunctionMessage
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("address", "author", 2)]
    public string Author { get; set; } = string.Empty;

    [Parameter("uint8", "scopeKind", 3)]
    public byte ScopeKind { get; set; }

    [Parameter("bytes32", "scope", 4)]
    public byte[] Scope { get; set; } = [];

    [Parameter("bytes32", "purpose", 5)]
    public byte[] Purpose { get; set; } = [];
}

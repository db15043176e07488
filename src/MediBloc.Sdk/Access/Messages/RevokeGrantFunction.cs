using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.revokeGrant(bytes32)</c>.</summary>
[Function("revokeGrant")]
internal sealed class RevokeGrantFunction : FunctionMessage
{
    [Parameter("bytes32", "grantId", 1)]
    public byte[] GrantId { get; set; } = [];
}

using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.getGrant(bytes32)</c>.</summary>
[Function("getGrant", typeof(GetGrantOutput))]
internal sealed class GetGrantFunction : FunctionMessage
{
    [Parameter("bytes32", "grantId", 1)]
    public byte[] GrantId { get; set; } = [];
}

using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.cancelGrant((address,address,uint8,bytes32,bytes32,uint64,uint32,uint32,bytes32))</c>.</summary>
[Function("cancelGrant")]
internal sealed class CancelGrantFunction : FunctionMessage
{
    [Parameter("tuple", "g", 1)]
    public GrantStruct G { get; set; } = new();
}

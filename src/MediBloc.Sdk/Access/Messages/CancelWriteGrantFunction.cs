using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.cancelWriteGrant((address,address,uint8,bytes32,bytes32,uint64,uint32,uint32,bytes32))</c>.</summary>
[Function("cancelWriteGrant")]
internal sealed class CancelWriteGrantFunction : FunctionMessage
{
    [Parameter("tuple", "g", 1)]
    public WriteGrantStruct G { get; set; } = new();
}

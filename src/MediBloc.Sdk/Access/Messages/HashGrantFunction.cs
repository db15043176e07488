using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.hashGrant((address,address,uint8,bytes32,bytes32,uint64,bytes32))</c>: the EIP-712 digest.</summary>
[Function("hashGrant", "bytes32")]
internal sealed class HashGrantFunction : FunctionMessage
{
    [Parameter("tuple", "g", 1)]
    public GrantStruct Grant { get; set; } = new();
}

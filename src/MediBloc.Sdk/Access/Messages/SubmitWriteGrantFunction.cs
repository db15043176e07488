using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>AccessGrants.submitWriteGrant((address,address,uint8,bytes32,bytes32,uint64,uint32,uint32,bytes32),bytes)</c>.</summary>
[Function("submitWriteGrant", "bytes32")]
internal sealed class SubmitWriteGrantFunction : FunctionMessage
{
    [Parameter("tuple", "g", 1)]
    public WriteGrantStruct Grant { get; set; } = new();

    [Parameter("bytes", "signature", 2)]
    public byte[] Signature { get; set; } = [];
}

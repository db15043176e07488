using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Search.Messages;

/// <summary><c>SearchIndex.setStatus(bytes32,uint8,bytes)</c>.</summary>
[Function("setStatus")]
internal sealed class SetStatusFunction : FunctionMessage
{
    [Parameter("bytes32", "handle", 1)]
    public byte[] Handle { get; set; } = [];

    [Parameter("uint8", "status", 2)]
    public byte Status { get; set; }

    [Parameter("bytes", "signature", 3)]
    public byte[] Signature { get; set; } = [];
}

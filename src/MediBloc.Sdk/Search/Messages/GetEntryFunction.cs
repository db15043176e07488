using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Search.Messages;

/// <summary><c>SearchIndex.getEntry(bytes32)</c>.</summary>
[Function("getEntry")]
internal sealed class GetEntryFunction : FunctionMessage
{
    [Parameter("bytes32", "handle", 1)]
    public byte[] Handle { get; set; } = [];
}

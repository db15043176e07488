using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Search.Messages;

/// <summary>The output of <c>SearchIndex.getEntry(bytes32)</c>.</summary>
[FunctionOutput]
internal sealed class GetEntryOutput : IFunctionOutputDTO
{
    [Parameter("uint8", "status", 1)]
    public byte Status { get; set; }

    [Parameter("uint32", "nonce", 2)]
    public uint Nonce { get; set; }
}

using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Records.Messages;

/// <summary>The output of <c>RecordRegistry.getBatch(bytes32)</c>.</summary>
[FunctionOutput]
internal sealed class GetBatchOutput : IFunctionOutputDTO
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("uint64", "anchoredAt", 2)]
    public ulong AnchoredAt { get; set; }

    [Parameter("uint32", "count", 3)]
    public uint Count { get; set; }
}

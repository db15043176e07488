using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Records.Messages;

/// <summary>The output of <c>RecordRegistry.getRecord(bytes32)</c>.</summary>
[FunctionOutput]
internal sealed class GetRecordOutput : IFunctionOutputDTO
{
    [Parameter("address", "owner", 1)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("uint64", "anchoredAt", 2)]
    public ulong AnchoredAt { get; set; }

    [Parameter("bytes32", "contentTypeId", 3)]
    public byte[] ContentTypeId { get; set; } = [];

    [Parameter("bytes32", "supersededBy", 4)]
    public byte[] SupersededBy { get; set; } = [];
}

using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>RecordSuperseded(bytes32 indexed previous, bytes32 indexed recordId, address indexed owner)</c>.</summary>
[Event("RecordSuperseded")]
internal sealed class RecordSupersededEventDto : IEventDTO
{
    [Parameter("bytes32", "previous", 1, true)]
    public byte[] Previous { get; set; } = [];

    [Parameter("bytes32", "recordId", 2, true)]
    public byte[] RecordId { get; set; } = [];

    [Parameter("address", "owner", 3, true)]
    public string Owner { get; set; } = string.Empty;
}

using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>RecordSuperseded(bytes32 indexed previous, bytes32 indexed commitment, address indexed owner)</c>.</summary>
[Event("RecordSuperseded")]
internal sealed class RecordSupersededEventDto : IEventDTO
{
    [Parameter("bytes32", "previous", 1, true)]
    public byte[] Previous { get; set; } = [];

    [Parameter("bytes32", "commitment", 2, true)]
    public byte[] Commitment { get; set; } = [];

    [Parameter("address", "owner", 3, true)]
    public string Owner { get; set; } = string.Empty;
}

using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>RecordAuthored(bytes32 indexed recordId, address indexed owner, address indexed author, bytes32 purpose)</c>.</summary>
[Event("RecordAuthored")]
internal sealed class RecordAuthoredEventDto : IEventDTO
{
    [Parameter("bytes32", "recordId", 1, true)]
    public byte[] RecordId { get; set; } = [];

    [Parameter("address", "owner", 2, true)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("address", "author", 3, true)]
    public string Author { get; set; } = string.Empty;

    [Parameter("bytes32", "purpose", 4, false)]
    public byte[] Purpose { get; set; } = [];
}

using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Access.Messages;

/// <summary><c>RecordRead(bytes32 indexed commitment, address indexed owner, address indexed reader, bytes32 purpose, uint64 readAt)</c>.</summary>
[Event("RecordRead")]
internal sealed class RecordReadEventDto : IEventDTO
{
    [Parameter("bytes32", "commitment", 1, true)]
    public byte[] Commitment { get; set; } = [];

    [Parameter("address", "owner", 2, true)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("address", "reader", 3, true)]
    public string Reader { get; set; } = string.Empty;

    [Parameter("bytes32", "purpose", 4, false)]
    public byte[] Purpose { get; set; } = [];

    [Parameter("uint64", "readAt", 5, false)]
    public ulong ReadAt { get; set; }
}

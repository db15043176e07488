using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>RecordAnchored(bytes32 indexed recordId, address indexed owner, bytes32 indexed commitment, string cid, string contentType, uint64 anchoredAt)</c>.</summary>
[Event("RecordAnchored")]
internal sealed class RecordAnchoredEventDto : IEventDTO
{
    [Parameter("bytes32", "recordId", 1, true)]
    public byte[] RecordId { get; set; } = [];

    [Parameter("address", "owner", 2, true)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("bytes32", "commitment", 3, true)]
    public byte[] Commitment { get; set; } = [];

    [Parameter("string", "cid", 4, false)]
    public string Cid { get; set; } = string.Empty;

    [Parameter("string", "contentType", 5, false)]
    public string ContentType { get; set; } = string.Empty;

    [Parameter("uint64", "anchoredAt", 6, false)]
    public ulong AnchoredAt { get; set; }
}

using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>RecordAnchored(bytes32 indexed commitment, address indexed owner, string cid, string contentType, bytes4 contentTypeId, uint64 anchoredAt)</c>.</summary>
[Event("RecordAnchored")]
internal sealed class RecordAnchoredEventDto : IEventDTO
{
    [Parameter("bytes32", "commitment", 1, true)]
    public byte[] Commitment { get; set; } = [];

    [Parameter("address", "owner", 2, true)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("string", "cid", 3, false)]
    public string Cid { get; set; } = string.Empty;

    [Parameter("string", "contentType", 4, false)]
    public string ContentType { get; set; } = string.Empty;

    [Parameter("bytes4", "contentTypeId", 5, false)]
    public byte[] ContentTypeId { get; set; } = [];

    [Parameter("uint64", "anchoredAt", 6, false)]
    public ulong AnchoredAt { get; set; }
}

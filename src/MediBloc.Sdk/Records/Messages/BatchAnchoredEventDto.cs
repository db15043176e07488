using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>BatchAnchored(bytes32 indexed batchId, address indexed owner, bytes32 root, uint32 count, string manifestCid, uint64 anchoredAt)</c>.</summary>
[Event("BatchAnchored")]
internal sealed class BatchAnchoredEventDto : IEventDTO
{
    [Parameter("bytes32", "batchId", 1, true)]
    public byte[] BatchId { get; set; } = [];

    [Parameter("address", "owner", 2, true)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("bytes32", "root", 3, false)]
    public byte[] Root { get; set; } = [];

    [Parameter("uint32", "count", 4, false)]
    public uint Count { get; set; }

    [Parameter("string", "manifestCid", 5, false)]
    public string ManifestCid { get; set; } = string.Empty;

    [Parameter("uint64", "anchoredAt", 6, false)]
    public ulong AnchoredAt { get; set; }
}

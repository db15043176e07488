using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Records.Messages;

/// <summary><c>BatchAnchored(bytes32 indexed root, address indexed owner, uint32 count, string manifestCid, uint64 anchoredAt)</c>.</summary>
[Event("BatchAnchored")]
internal sealed class BatchAnchoredEventDto : IEventDTO
{
    [Parameter("bytes32", "root", 1, true)]
    public byte[] Root { get; set; } = [];

    [Parameter("address", "owner", 2, true)]
    public string Owner { get; set; } = string.Empty;

    [Parameter("uint32", "count", 3, false)]
    public uint Count { get; set; }

    [Parameter("string", "manifestCid", 4, false)]
    public string ManifestCid { get; set; } = string.Empty;

    [Parameter("uint64", "anchoredAt", 5, false)]
    public ulong AnchoredAt { get; set; }
}

namespace MediBloc.Sdk.Storage;

/// <summary>
/// How a file becomes a UnixFS DAG, matching the options of <c>ipfs add</c>. The defaults are those of
/// <c>ipfs add</c> itself: CIDv0, dag-pb leaves, 256 KiB fixed-size chunks, balanced layout with at most 174
/// links per node. <c>CidVersion = 1</c> gives raw leaves and a base32 CIDv1 (<c>ipfs add --cid-version=1</c>);
/// add <c>RawLeaves = false</c> for <c>--cid-version=1 --raw-leaves=false</c>.
/// </summary>
public sealed class UnixFsOptions
{
    /// <summary>The fixed chunk size of <c>ipfs add</c>: 256 KiB.</summary>
    public const int DefaultChunkSize = 262_144;

    /// <summary>The largest number of links per node in <c>ipfs add</c>'s balanced layout.</summary>
    public const int DefaultMaxLinksPerNode = 174;

    /// <summary>The largest chunk accepted (1 MiB, the block size IPFS nodes accept).</summary>
    public const int MaxChunkSize = 1_048_576;

    /// <summary>The CID version of the nodes, 0 (default) or 1.</summary>
    public int CidVersion { get; set; }

    /// <summary>Whether leaves are raw blocks; null (default) means "raw when <see cref="CidVersion"/> is 1", as in <c>ipfs add</c>.</summary>
    public bool? RawLeaves { get; set; }

    /// <summary>The fixed chunk size in bytes (default 262 144).</summary>
    public int ChunkSize { get; set; } = DefaultChunkSize;

    /// <summary>The largest number of links per node (default 174).</summary>
    public int MaxLinksPerNode { get; set; } = DefaultMaxLinksPerNode;

    /// <summary>The <c>ipfs add</c> defaults: CIDv0 with dag-pb leaves (<c>Qm…</c>).</summary>
    public static UnixFsOptions IpfsAddDefault => new();

    /// <summary><c>ipfs add --cid-version=1</c>: CIDv1 with raw leaves (<c>bafk…</c>/<c>bafy…</c>); the content stores' default.</summary>
    public static UnixFsOptions CidV1RawLeaves => new() { CidVersion = 1 };

    /// <summary><c>ipfs add --cid-version=1 --raw-leaves=false</c>: CIDv1 with dag-pb leaves.</summary>
    public static UnixFsOptions CidV1DagPbLeaves => new() { CidVersion = 1, RawLeaves = false };

    /// <summary>Whether leaves are raw with these options.</summary>
    public bool UsesRawLeaves => RawLeaves ?? CidVersion == 1;

    /// <summary>A copy of these options.</summary>
    /// <returns>A new instance with the same values.</returns>
    public UnixFsOptions Clone() => new()
    {
        CidVersion = CidVersion,
        RawLeaves = RawLeaves,
        ChunkSize = ChunkSize,
        MaxLinksPerNode = MaxLinksPerNode,
    };

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range: version not 0 or 1, chunk size not in 1..1 MiB, fewer than 2 links per node.</exception>
    public void Validate()
    {
        if (CidVersion is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(CidVersion), CidVersion, "The CID version must be 0 or 1.");
        }

        if (ChunkSize is < 1 or > MaxChunkSize)
        {
            throw new ArgumentOutOfRangeException(nameof(ChunkSize), ChunkSize, $"The chunk size must be between 1 and {MaxChunkSize} bytes.");
        }

        if (MaxLinksPerNode < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLinksPerNode), MaxLinksPerNode, "A node needs room for at least 2 links.");
        }
    }

    /// <summary>
    /// The options under which a CID can be recomputed: its own form where the CID tells it (CIDv0: dag-pb leaves;
    /// raw CIDv1: a single raw block), otherwise these options.
    /// </summary>
    internal UnixFsOptions ForVerifying(ContentId cid)
    {
        if (cid.Version == 0)
        {
            return new UnixFsOptions { CidVersion = 0, RawLeaves = CidVersion == 0 ? RawLeaves : false, ChunkSize = ChunkSize, MaxLinksPerNode = MaxLinksPerNode };
        }

        if (cid.Codec == ContentCodec.Raw)
        {
            return new UnixFsOptions { CidVersion = 1, RawLeaves = true, ChunkSize = ChunkSize, MaxLinksPerNode = MaxLinksPerNode };
        }

        return CidVersion == 1 ? Clone() : new UnixFsOptions { CidVersion = 1, ChunkSize = ChunkSize, MaxLinksPerNode = MaxLinksPerNode };
    }
}

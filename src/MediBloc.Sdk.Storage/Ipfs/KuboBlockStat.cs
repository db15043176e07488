namespace MediBloc.Sdk.Storage.Ipfs;

/// <summary>A block's statistics.</summary>
/// <param name="Cid">The block's CID.</param>
/// <param name="Size">The block's size in bytes.</param>
public sealed record KuboBlockStat(ContentId Cid, long Size);

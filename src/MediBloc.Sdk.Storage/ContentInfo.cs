namespace MediBloc.Sdk.Storage;

/// <summary>What a store knows about an object.</summary>
/// <param name="Cid">The object's CID.</param>
/// <param name="Size">The object's size in bytes (the file's, not the DAG's).</param>
/// <param name="IsPinned">Whether the object is pinned in this store.</param>
public sealed record ContentInfo(ContentId Cid, long Size, bool IsPinned);

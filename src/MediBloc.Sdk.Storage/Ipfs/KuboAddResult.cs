namespace MediBloc.Sdk.Storage.Ipfs;

/// <summary>What the node answered to <c>add</c>.</summary>
/// <param name="Cid">The root CID of the added content.</param>
/// <param name="Name">The name the node reports (the upload's file name).</param>
/// <param name="Size">The size the node reports: the DAG's cumulative size, not the file size.</param>
public sealed record KuboAddResult(ContentId Cid, string Name, long Size);

namespace MediBloc.Sdk.Storage.Ipfs;

/// <summary>Options of an <see cref="IpfsContentStore"/>.</summary>
public sealed class IpfsContentStoreOptions
{
    /// <summary>The DAG format of stored objects; default CIDv1 with raw leaves, like the other stores.</summary>
    public UnixFsOptions Format { get; set; } = UnixFsOptions.CidV1RawLeaves;
}

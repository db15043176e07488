namespace MediBloc.Sdk.Storage.Ipfs;

/// <summary>A DAG's statistics.</summary>
/// <param name="Size">The sum of the sizes of the DAG's distinct blocks, in bytes.</param>
/// <param name="NumBlocks">The number of distinct blocks.</param>
public sealed record KuboDagStat(long Size, long NumBlocks);

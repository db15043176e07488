namespace MediBloc.Sdk.Batches;

/// <summary>The inclusion proof of one record in a <see cref="RecordBatch"/>.</summary>
/// <param name="Index">The record's position in the batch.</param>
/// <param name="Leaf">The record's leaf hash (0x-hex).</param>
/// <param name="Siblings">The sibling hashes from the leaf up to the root (0x-hex); pairs are hashed in sorted order, so no left/right flags are needed.</param>
public sealed record MerkleProof(int Index, string Leaf, IReadOnlyList<string> Siblings);

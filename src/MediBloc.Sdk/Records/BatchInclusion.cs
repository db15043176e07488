using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Batches;

namespace MediBloc.Sdk.Records;

/// <summary>
/// Where a batch-anchored record sits: the Merkle root anchored on chain, the batch manifest that lists every
/// record of the batch, the record's leaf (commitment, CID of the envelope as published, content type) and the
/// inclusion proof from that leaf to the root.
/// </summary>
/// <param name="Root">The batch's Merkle root (0x-hex), anchored with <c>anchorBatch</c>.</param>
/// <param name="ManifestCid">The CID of the batch manifest named in the <c>BatchAnchored</c> event.</param>
/// <param name="Record">The record's leaf: its commitment, the CID it was published under and its content type.</param>
/// <param name="Proof">The inclusion proof from the leaf to <paramref name="Root"/>.</param>
public sealed record BatchInclusion(string Root, ContentId ManifestCid, BatchRecord Record, MerkleProof Proof);

using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.RecordRegistry.Messages;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;
using MediBloc.Sdk.Batches;

namespace MediBloc.Sdk.Contracts.RecordRegistry;

public partial class RecordRegistryClient
{
    /// <summary>Anchors a newer version of a record the connection's account owns. The old version stays anchored; its <see cref="AnchoredRecord.SupersededBy"/> then names the new one.</summary>
    /// <param name="previous">The commitment of the connection's own record being replaced (32 bytes).</param>
    /// <param name="commitment">The new version's salted commitment (32 bytes).</param>
    /// <param name="cid">The new version's CID.</param>
    /// <param name="contentType">The new version's content type.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The new version's anchor.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cid"/> or <paramref name="contentType"/> is null.</exception>
    /// <exception cref="ArgumentException">A string is empty.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the call reverted: <c>NotAnchored</c> (the connection's account has no record with the previous commitment), <c>AlreadySuperseded</c> (supersede the newest version instead), <c>AlreadyAnchored</c> (the account has the new commitment already).</exception>
    public virtual async Task<AnchorResult> SupersedeAsync(Commitment previous, Commitment commitment, string cid, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cid);
        ArgumentNullException.ThrowIfNull(contentType);
        ArgumentException.ThrowIfNullOrEmpty(cid);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        return await ChainDiagnostics.TraceAsync("RecordRegistryClient.SupersedeAsync", async activity =>
        {
            activity?.SetTag(Diagnostics.MediBlocDiagnostics.Tags.Cid, cid);
            var message = new SupersedeFunction { PreviousCommitment = previous.ToBytes(), Commitment = commitment.ToBytes(), Cid = cid, ContentType = contentType };
            var receipt = await Connection.SendAsync(ContractAddress, message, Errors, "supersede a record", cancellationToken).ConfigureAwait(false);
            return ToAnchorResult(receipt);
        }).ConfigureAwait(false);
    }

    /// <summary>Anchors a whole batch as its Merkle root; the connection's account owns every record in it.</summary>
    /// <param name="batch">The batch, built with <see cref="RecordBatch.Create"/>.</param>
    /// <param name="manifestCid">The CID of the manifest that lists the batch's records (so readers can find each one).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The batch anchor's on-chain facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> or <paramref name="manifestCid"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="manifestCid"/> is empty.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the anchor reverted (<c>BatchAlreadyAnchored</c> when this account anchored the root already).</exception>
    public virtual async Task<BatchAnchorResult> AnchorBatchAsync(RecordBatch batch, string manifestCid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(manifestCid);
        ArgumentException.ThrowIfNullOrEmpty(manifestCid);
        return await ChainDiagnostics.TraceAsync("RecordRegistryClient.AnchorBatchAsync", async activity =>
        {
            activity?.SetTag(Diagnostics.MediBlocDiagnostics.Tags.Records, batch.Count);
            var message = new AnchorBatchFunction { Root = RecordBatch.ParseHash(batch.Root), Count = (uint)batch.Count, ManifestCid = manifestCid };
            var receipt = await Connection.SendAsync(ContractAddress, message, Errors, "anchor a batch", cancellationToken).ConfigureAwait(false);
            var anchored = receipt.DecodeAllEvents<BatchAnchoredEventDto>().Single();
            return new BatchAnchorResult(
                batch.Root,
                batch.Count,
                receipt.TransactionHash,
                (long)receipt.BlockNumber.Value,
                (long)receipt.GasUsed.Value,
                DateTimeOffset.FromUnixTimeSeconds((long)anchored.Event.AnchoredAt));
        }).ConfigureAwait(false);
    }

    /// <summary>Reads what the chain holds for <paramref name="owner"/>'s batch with Merkle root <paramref name="root"/> (its batch id, <see cref="ComputeBatchId"/>).</summary>
    /// <param name="owner">The expected owner.</param>
    /// <param name="root">The batch's Merkle root (0x-hex).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The batch, or <see langword="null"/> when <paramref name="owner"/> anchored no batch with this root.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="root"/> is not 32 bytes of hex.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<AnchoredBatch?> GetBatchAsync(EvmAddress owner, string root, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        var rootBytes = RecordBatch.ParseHash(root);
        var output = await Connection.CallAsync<GetBatchFunction, GetBatchOutput>(
            ContractAddress, new GetBatchFunction { BatchId = ComputeBatchId(owner, rootBytes) }, Errors, "read a batch", cancellationToken).ConfigureAwait(false);
        return output.AnchoredAt == 0
            ? null
            : new AnchoredBatch(rootBytes.ToHex(true), AbiValues.Decoded(output.Owner), DateTimeOffset.FromUnixTimeSeconds((long)output.AnchoredAt), (int)output.Count);
    }

    /// <summary>
    /// Registers one record of the connection's own batch on its own, proven by its inclusion proof, so that grants,
    /// audited reads and consents can name it by its record id (the connection's account and the commitment). A
    /// batch's commitments are public in its manifest, but another account that anchors one of them makes a record of
    /// its own id, which changes nothing for the batch owner's. Waits for the receipt.
    /// </summary>
    /// <param name="root">The batch's Merkle root (0x-hex).</param>
    /// <param name="record">The record.</param>
    /// <param name="proof">Its inclusion proof from <see cref="RecordBatch.GetProof"/>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The anchor's on-chain facts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="root"/> or a proof element is not 32 bytes of hex.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>BatchNotAnchored</c> (the
    /// connection's account anchored no batch with this root), <c>NotInBatch</c>, <c>AlreadyAnchored</c> (the account has
    /// this record already, registered or anchored on its own).</exception>
    public virtual async Task<AnchorResult> RegisterFromBatchAsync(string root, BatchRecord record, MerkleProof proof, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(proof);
        var message = new RegisterFromBatchFunction
        {
            Root = RecordBatch.ParseHash(root),
            Commitment = record.Commitment.ToBytes(),
            Cid = record.Cid,
            ContentType = record.ContentType,
            Proof = proof.Siblings.Select(RecordBatch.ParseHash).ToList(),
        };
        var receipt = await Connection.SendAsync(ContractAddress, message, Errors, "register a batch record", cancellationToken).ConfigureAwait(false);
        return ToAnchorResult(receipt);
    }

    /// <summary>Asks the contract whether a record is in <paramref name="owner"/>'s anchored batch (the on-chain twin of <see cref="RecordBatch.Verify"/>).</summary>
    /// <param name="owner">The batch's expected owner.</param>
    /// <param name="root">The batch's Merkle root (0x-hex).</param>
    /// <param name="record">The record.</param>
    /// <param name="proof">Its inclusion proof from <see cref="RecordBatch.GetProof"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when <paramref name="owner"/> anchored the root and the proof leads to it.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="root"/> or a proof element is not 32 bytes of hex.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<bool> VerifyInBatchAsync(EvmAddress owner, string root, BatchRecord record, MerkleProof proof, CancellationToken cancellationToken = default)
    {
        var ownerAddress = owner.ToString();
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(proof);
        var message = new VerifyInBatchFunction
        {
            Owner = ownerAddress,
            Root = RecordBatch.ParseHash(root),
            Commitment = record.Commitment.ToBytes(),
            Cid = record.Cid,
            ContentType = record.ContentType,
            Proof = proof.Siblings.Select(RecordBatch.ParseHash).ToList(),
        };
        return Connection.CallValueAsync<VerifyInBatchFunction, bool>(ContractAddress, message, Errors, "verify a batch proof", cancellationToken);
    }
}

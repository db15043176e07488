using System.Runtime.CompilerServices;
using MediBloc.Sdk.Batches;
using MediBloc.Sdk.Contracts.RecordRegistry.Messages;
using MediBloc.Sdk.Crypto;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MediBloc.Sdk.Contracts.RecordRegistry;

/// <summary>
/// Provider-authored batches: a certified provider anchors a Merkle root over many records with a patient as the
/// owner of the batch and of every record in it, under the patient's write grant for every content type.
/// </summary>
public partial class RecordRegistryClient
{
    /// <summary>
    /// Anchors a batch of records the connection's account (a certified provider) wrote into <paramref name="owner"/>'s
    /// record: one transaction for the whole tree. The owner owns the batch (<see cref="ComputeBatchId"/> of the owner
    /// and the root) and every record in it; the connection's account is its author (<c>BatchAuthored</c>). The leaves
    /// name their content types, which the registry does not see, so the owner's write grant must cover every content
    /// type (<see cref="AccessGrants.AccessScope.All"/>). Waits for the receipt.
    /// </summary>
    /// <param name="owner">The patient.</param>
    /// <param name="batch">The Merkle tree over the records.</param>
    /// <param name="manifestCid">The CID of the stored batch manifest.</param>
    /// <param name="purpose">The purpose-of-use code the patient's write grant is for, e.g. <c>TREAT</c>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The anchor's on-chain facts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="manifestCid"/> or <paramref name="purpose"/> is empty.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the registry refused: <c>AuthorNotCertified</c>, <c>NoWriteConsent</c> (no live write grant for all content types and this purpose), <c>AuthoringNotConfigured</c>, <c>BatchAlreadyAnchored</c>.</exception>
    public virtual async Task<BatchAnchorResult> AnchorBatchForAsync(EvmAddress owner, RecordBatch batch, string manifestCid, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentException.ThrowIfNullOrEmpty(manifestCid);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return await ChainDiagnostics.TraceAsync("RecordRegistryClient.AnchorBatchForAsync", async activity =>
        {
            activity?.SetTag(Diagnostics.MediBlocDiagnostics.Tags.Records, batch.Count);
            var message = new AnchorBatchForFunction
            {
                Owner = owner.ToString(),
                Root = RecordBatch.ParseHash(batch.Root),
                Count = (uint)batch.Count,
                ManifestCid = manifestCid,
                Purpose = AbiValues.Keccak(purpose),
            };
            var receipt = await Connection.SendAsync(ContractAddress, message, Errors, "anchor a provider-authored batch", cancellationToken).ConfigureAwait(false);
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

    /// <summary>Lists <c>BatchAuthored</c> events up to the latest block.</summary>
    /// <param name="owner">Only batches written into this patient's record, or <see langword="null"/> for any.</param>
    /// <param name="author">Only batches this provider wrote, or <see langword="null"/> for any.</param>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events in chain order.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual IAsyncEnumerable<BatchAuthoredEvent> GetBatchAuthoredEventsAsync(EvmAddress? owner = null, EvmAddress? author = null, long fromBlock = 0, CancellationToken cancellationToken = default)
    {
        var topics = new[]
        {
            null,
            owner is { } ownerTopic ? AbiValues.AddressTopic(ownerTopic) : null,
            author is { } authorTopic ? AbiValues.AddressTopic(authorTopic) : null,
        };
        return ReadBatchAuthoredEventsAsync(topics, fromBlock, cancellationToken);
    }

    private async IAsyncEnumerable<BatchAuthoredEvent> ReadBatchAuthoredEventsAsync(string?[] topics, long fromBlock, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var log in Connection.GetEventsAsync<BatchAuthoredEventDto>(ContractAddress, topics, fromBlock, cancellationToken).ConfigureAwait(false))
        {
            var e = log.Event;
            yield return new BatchAuthoredEvent(
                e.BatchId.ToHex(true),
                AbiValues.Decoded(e.Owner),
                AbiValues.Decoded(e.Author),
                e.Purpose.ToHex(true),
                log.Log.TransactionHash,
                (long)log.Log.BlockNumber.Value);
        }
    }
}

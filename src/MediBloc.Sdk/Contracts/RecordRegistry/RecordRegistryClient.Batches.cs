using MediBloc.Sdk.Crypto;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Contracts.RecordRegistry.Messages;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;
using MediBloc.Sdk.Batches;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.Contracts.RecordRegistry;

public partial class RecordRegistryClient
{
    /// <summary>Lists <c>BatchAnchored</c> events, optionally for one root and/or one owner, up to the latest block.</summary>
    /// <param name="root">Only this Merkle root (0x-hex), or <see langword="null"/> for any.</param>
    /// <param name="owner">Only this owner's batches, or <see langword="null"/> for any.</param>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events in chain order.</returns>
    /// <exception cref="InvalidFormatException"><paramref name="root"/> is not 32 bytes of hex.</exception>
    /// <exception cref="ChainException">The node is unavailable (<see cref="MediBlocErrorCode.NodeUnavailable"/>).</exception>
    public virtual IAsyncEnumerable<BatchAnchoredEvent> GetBatchAnchoredEventsAsync(
        string? root = null,
        EvmAddress? owner = null,
        long fromBlock = 0,
        CancellationToken cancellationToken = default)
    {
        var rootBytes = root is null ? null : RecordBatch.ParseHash(root);
        // The batch id (owner, root) is the event's first topic; a root without an owner is matched on the event's data.
        var batchTopic = rootBytes is not null && owner is { } batchOwner ? ComputeBatchId(batchOwner, rootBytes).ToHex(true) : null;
        return ReadBatchEventsAsync(batchTopic, rootBytes, owner is { } o ? AbiValues.AddressTopic(o) : null, fromBlock, cancellationToken);
    }

    private async IAsyncEnumerable<BatchAnchoredEvent> ReadBatchEventsAsync(string? batchTopic, byte[]? root, string? ownerTopic, long fromBlock, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var log in Connection.GetEventsAsync<BatchAnchoredEventDto>(ContractAddress, [batchTopic, ownerTopic], fromBlock, cancellationToken).ConfigureAwait(false))
        {
            var e = log.Event;
            if (root is not null && !root.AsSpan().SequenceEqual(e.Root))
            {
                continue;
            }
            yield return new BatchAnchoredEvent(
                e.Root.ToHex(true),
                AbiValues.Decoded(e.Owner),
                (int)e.Count,
                e.ManifestCid,
                DateTimeOffset.FromUnixTimeSeconds((long)e.AnchoredAt),
                log.Log.TransactionHash,
                (long)log.Log.BlockNumber.Value);
        }
    }
}

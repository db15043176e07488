using MediBloc.Sdk.Batches;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Diagnostics;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Records;

/// <summary>
/// Provider-authored batches (<see cref="Roles.Provider.ProviderClient.WriteRecordsAsync"/>): the batch waits in the
/// provider's outbox (its members name the patient in <see cref="PendingRecord.WrittenFor"/>) and is anchored with
/// <c>anchorBatchFor</c> into the patient's record.
/// </summary>
internal sealed partial class RecordPublisher
{
    /// <summary>The owner of a batch's records: the patient a provider wrote it for, else this key.</summary>
    private EvmAddress OwnerOf(PendingBatch batch) => batch.Records[0].WrittenFor ?? Address;

    /// <summary>The batch as anchored (by this key, into its owner's record), or null when its root is not anchored.</summary>
    private Task<(ContentId ManifestCid, BatchAnchorResult Anchor)?> FindBatchAsync(RecordRegistryClient registry, PendingBatch batch, RecordBatch tree, CancellationToken cancellationToken) =>
        OwnerOf(batch) == Address
            ? FindOwnBatchAsync(registry, tree, cancellationToken)
            : FindAuthoredBatchAsync(registry, OwnerOf(batch), tree, cancellationToken);

    private async Task<(ContentId ManifestCid, BatchAnchorResult Anchor)?> FindAuthoredBatchAsync(RecordRegistryClient registry, EvmAddress owner, RecordBatch tree, CancellationToken cancellationToken)
    {
        if (await registry.GetBatchAsync(owner, tree.Root, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }
        var batchId = Nethereum.Hex.HexConvertors.Extensions.HexByteConvertorExtensions.ToHex(RecordRegistryClient.ComputeBatchId(owner, RecordBatch.ParseHash(tree.Root)), true);
        var mine = false;
        await foreach (var authored in registry.GetBatchAuthoredEventsAsync(owner, Address, 0, cancellationToken).ConfigureAwait(false))
        {
            mine |= string.Equals(authored.BatchId, batchId, StringComparison.OrdinalIgnoreCase);
        }
        if (!mine)
        {
            throw new ChainException(
                $"The batch root {tree.Root} waiting in the outbox is anchored in {owner}'s record by another account; the batch stays in the outbox for inspection.",
                MediBlocErrorCode.TransactionReverted)
            {
                RevertError = "BatchAlreadyAnchored",
            };
        }
        return await ReadBatchAnchorAsync(registry, tree, owner, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Anchors a provider's batch into the patient's record. If the chain refuses because the write grant or the
    /// credential ended, the batch leaves the outbox (only a new grant could anchor it) and the exception names the manifest.
    /// </summary>
    private async Task<BatchAnchorResult> AnchorAuthoredBatchAsync(RecordRegistryClient registry, PendingBatch batch, RecordBatch tree, ContentId manifestCid, CancellationToken cancellationToken)
    {
        var owner = OwnerOf(batch);
        try
        {
            return await registry.AnchorBatchForAsync(owner, tree, manifestCid.ToString(), batch.Records[0].Purpose ?? string.Empty, cancellationToken).ConfigureAwait(false);
        }
        catch (ChainException ex) when (ex.RevertError is "NoWriteConsent" or "AuthorNotCertified")
        {
            await _client.Outbox.RemoveBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            SdkMetrics.OutboxChanged(-batch.Records.Count);
            throw new AccessDeniedException(
                $"The chain refused to anchor the batch of {tree.Count} records (manifest {manifestCid}) into {owner}'s record ({ex.RevertError}): the write grant or the provider credential has ended. The envelopes are stored but not anchored, and the batch left the outbox: write it again once the patient grants writes again.",
                ex.RevertError == "NoWriteConsent" ? AccessDenialCodes.NoWriteConsent : AccessDenialCodes.NotCertified, ex) { Cid = manifestCid.ToString() };
        }
    }
}

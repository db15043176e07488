using System.Collections.Concurrent;
using System.Globalization;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Records;

/// <summary>
/// What each owner stores, counted from the chain, and the check of a publish against the owner's on-chain quota
/// (the storage quota contract's free quota plus what the owner bought).
/// </summary>
/// <remarks>
/// <para>An owner's usage is the size of every envelope anchored in the owner's name (their own records, records
/// providers wrote into their PHR, and the records and manifests of their batches), as the content store reports it;
/// an object the store does not hold counts nothing. It is counted once per client and kept up to date from the
/// events of the blocks not read yet, so records published from another device or by a provider count too.</para>
/// <para>A publish reserves its bytes under the owner's lock before anything is stored; records this client is
/// publishing concurrently therefore count against each other. The quota only grows on chain, so a cached value is a
/// lower bound: it is read again only when a publish would not fit, and a purchase lifts the limit at once.</para>
/// <para>When the chain node is down, the check uses what this client counted before; a client that has never read
/// the owner's quota lets the record into the outbox unchecked (it cannot be anchored before the node is back).</para>
/// </remarks>
internal sealed class QuotaLedger
{
    private readonly ConcurrentDictionary<EvmAddress, OwnerUsage> _owners = new();

    /// <summary>
    /// Checks that <paramref name="commitments"/> (envelopes of <paramref name="bytes"/> bytes in all) fit in
    /// <paramref name="owner"/>'s quota, and counts them as stored. Without a storage quota contract in the options,
    /// nothing is checked.
    /// </summary>
    /// <exception cref="QuotaExceededException">They do not fit; nothing is counted.</exception>
    /// <exception cref="ChainException">The chain failed.</exception>
    /// <exception cref="StorageException">The content store failed while sizing the owner's records.</exception>
    public async Task ReserveAsync(
        ClientContext client, MediBlocSigner key, EvmAddress owner, IReadOnlyCollection<Commitment> commitments, long bytes, CancellationToken cancellationToken)
    {
        if (client.Settings.Addresses.StorageQuota is null)
        {
            return;
        }
        var usage = _owners.GetOrAdd(owner, _ => new OwnerUsage());
        await usage.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var online = true;
            try
            {
                await CatchUpAsync(client, key, owner, usage, cancellationToken).ConfigureAwait(false);
            }
            catch (ChainException e) when (e.Code == MediBlocErrorCode.NodeUnavailable)
            {
                // Offline: decide on what was counted before (if anything); the record waits in the outbox for the chain.
                online = false;
            }
            var fresh = commitments.Where(c => !usage.Counted.Contains(c)).Distinct().Count();
            var adding = fresh == 0 ? 0 : bytes;
            if (online && usage.Used + adding > usage.Quota)
            {
                var quota = await client.GetStorageQuotaAsync(key, "check the storage quota").ConfigureAwait(false);
                usage.Quota = await quota.GetQuotaAsync(owner, cancellationToken).ConfigureAwait(false);
            }
            if (usage.Used + adding > usage.Quota && usage.Quota >= 0)
            {
                throw new QuotaExceededException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Publishing {bytes:N0} bytes would exceed the storage quota of {owner} ({usage.Used:N0} of {usage.Quota:N0} bytes used); nothing was stored or anchored. The owner can buy more storage (PatientWalletClient.BuyStorageAsync)."));
            }
            foreach (var commitment in commitments)
            {
                usage.Counted.Add(commitment);
            }
            usage.Used += adding;
        }
        finally
        {
            usage.Lock.Release();
        }
    }

    /// <summary>The owner's usage as this client counts it (after reading the blocks not read yet).</summary>
    public async Task<long> GetUsedAsync(ClientContext client, MediBlocSigner key, EvmAddress owner, CancellationToken cancellationToken)
    {
        var usage = _owners.GetOrAdd(owner, _ => new OwnerUsage());
        await usage.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CatchUpAsync(client, key, owner, usage, cancellationToken).ConfigureAwait(false);
            return usage.Used;
        }
        finally
        {
            usage.Lock.Release();
        }
    }

    private static async Task CatchUpAsync(ClientContext client, MediBlocSigner key, EvmAddress owner, OwnerUsage usage, CancellationToken cancellationToken)
    {
        var registry = await client.GetRegistryAsync(key).ConfigureAwait(false);
        var head = await (await client.GetConnectionAsync(key).ConfigureAwait(false)).GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var anchored in registry.GetAnchoredEventsAsync(owner: owner, fromBlock: usage.NextBlock, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (usage.Counted.Add(anchored.Commitment))
            {
                usage.Used += await SizeOfAsync(client, anchored.Cid, cancellationToken).ConfigureAwait(false);
            }
        }
        await client.Batches.ScanAsync(client, registry, owner, cancellationToken).ConfigureAwait(false);
        foreach (var batch in client.Batches.OfOwner(owner))
        {
            if (usage.Manifests.Add(batch.Anchor.ManifestCid))
            {
                usage.Used += await SizeOfAsync(client, batch.Anchor.ManifestCid, cancellationToken).ConfigureAwait(false);
            }
            foreach (var record in batch.Tree.Records)
            {
                if (usage.Counted.Add(record.Commitment))
                {
                    usage.Used += await SizeOfAsync(client, record.Cid, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        usage.NextBlock = Math.Max(usage.NextBlock, head + 1);
    }

    /// <summary>An anchored object's size in the content store; zero when its CID is not one or the store lacks it.</summary>
    private static async Task<long> SizeOfAsync(ClientContext client, string cid, CancellationToken cancellationToken)
    {
        if (!ContentId.TryParse(cid, out var parsed))
        {
            return 0;
        }
        try
        {
            return (await client.ContentStore.GetInfoAsync(parsed, cancellationToken).ConfigureAwait(false)).Size;
        }
        catch (NotFoundException)
        {
            return 0;
        }
        catch (IntegrityException)
        {
            return 0;
        }
    }

    private sealed class OwnerUsage
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public HashSet<Commitment> Counted { get; } = [];

        public HashSet<string> Manifests { get; } = new(StringComparer.Ordinal);

        public long Used { get; set; }

        /// <summary>The quota last read (a lower bound: it never shrinks); -1 before the first read.</summary>
        public long Quota { get; set; } = -1;

        public long NextBlock { get; set; }
    }
}

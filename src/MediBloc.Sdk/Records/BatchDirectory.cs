using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Storage;

namespace MediBloc.Sdk.Records;

/// <summary>
/// What one <see cref="MediBlocClient"/> knows about anchored batches: for every batch whose manifest it has read (and
/// checked against the anchored root), the tree, so a record's inclusion proof is found from its commitment alone.
/// Only a hint: every open re-checks the proof and the root on chain.
/// </summary>
internal sealed class BatchDirectory
{
    private static readonly ConditionalWeakTable<MediBlocClient, BatchDirectory> Directories = new();

    private readonly ConcurrentDictionary<string, IndexedBatch> _batches = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(IndexedBatch Batch, int Index)>> _byCommitment = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _unusable = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, long> _scannedFrom = new(StringComparer.OrdinalIgnoreCase);

    public static BatchDirectory Of(MediBlocClient client) => Directories.GetValue(client, _ => new BatchDirectory());

    /// <summary>A batch whose manifest was read and matched its anchored root.</summary>
    internal sealed record IndexedBatch(BatchAnchoredEvent Anchor, RecordBatch Tree);

    /// <summary>Batches whose manifest could not be used, by root: why.</summary>
    public IReadOnlyDictionary<string, string> Unusable => _unusable;

    public void Add(BatchAnchoredEvent anchor, RecordBatch tree)
    {
        var indexed = new IndexedBatch(anchor, tree);
        if (!_batches.TryAdd(anchor.Root, indexed))
        {
            return;
        }
        for (var i = 0; i < tree.Count; i++)
        {
            _byCommitment.GetOrAdd(tree.Records[i].Commitment, _ => new ConcurrentQueue<(IndexedBatch, int)>()).Enqueue((indexed, i));
        }
    }

    /// <summary>The batches (known so far) that list this commitment, earliest anchor first.</summary>
    public IReadOnlyList<(IndexedBatch Batch, int Index)> Find(string commitment) =>
        _byCommitment.TryGetValue(commitment, out var found) ? found.OrderBy(f => f.Batch.Anchor.BlockNumber).ToList() : [];

    /// <summary>The batches of one owner known so far, in chain order.</summary>
    public IReadOnlyList<IndexedBatch> OfOwner(string owner) =>
        _batches.Values.Where(b => string.Equals(b.Anchor.Owner, owner, StringComparison.OrdinalIgnoreCase)).OrderBy(b => b.Anchor.BlockNumber).ToList();

    /// <summary>
    /// Reads the <c>BatchAnchored</c> events of <paramref name="owner"/> (or of everyone) not read yet, and indexes the
    /// manifest of each new batch: fetched by CID (checked), parsed, and its tree rebuilt and compared with the root.
    /// </summary>
    /// <remarks>With <c>throwIfUnusable</c> (the owner's own listing) a manifest that is missing or does not match its root throws instead of being noted.</remarks>
    public async Task ScanAsync(MediBlocClient client, RecordRegistryClient registry, string? owner, bool throwIfUnusable, CancellationToken cancellationToken)
    {
        var scope = owner ?? "*";
        var from = _scannedFrom.GetValueOrDefault(scope);
        var next = from;
        await foreach (var anchor in registry.GetBatchAnchoredEventsAsync(owner: owner, fromBlock: from, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            next = Math.Max(next, anchor.BlockNumber + 1);
            if (_batches.ContainsKey(anchor.Root) || (!throwIfUnusable && _unusable.ContainsKey(anchor.Root)))
            {
                continue;
            }
            var problem = await TryIndexAsync(client, anchor, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                _unusable[anchor.Root] = problem;
                if (throwIfUnusable)
                {
                    throw new IntegrityException($"The batch anchored as root {anchor.Root} cannot be read: {problem}", IntegrityCheck.BatchProof) { Cid = anchor.ManifestCid };
                }
            }
        }
        _scannedFrom[scope] = next;
    }

    /// <summary>Indexes one batch; returns why its manifest is unusable, or null.</summary>
    private async Task<string?> TryIndexAsync(MediBlocClient client, BatchAnchoredEvent anchor, CancellationToken cancellationToken)
    {
        if (!ContentId.TryParse(anchor.ManifestCid, out var manifestCid))
        {
            return $"its manifest CID '{anchor.ManifestCid}' is not a CID.";
        }
        byte[] bytes;
        try
        {
            bytes = await ProviderClient.FetchEnvelopeAsync(client, manifestCid, cancellationToken).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            return $"its manifest {manifestCid} is not in the content store; add it back (the publisher stored it) to open the batch's records.";
        }
        catch (IntegrityException ex)
        {
            return $"the content store returned bytes for its manifest {manifestCid} that do not hash to that CID ({ex.Message}).";
        }
        var tree = BatchManifest.TryBuild(bytes);
        if (tree is null)
        {
            return $"its manifest {manifestCid} is not a batch manifest.";
        }
        if (!string.Equals(tree.Root, anchor.Root, StringComparison.OrdinalIgnoreCase) || tree.Count != anchor.Count)
        {
            return $"its manifest {manifestCid} lists {tree.Count} records whose Merkle root is {tree.Root}, not the anchored root (the manifest does not belong to this batch).";
        }
        Add(anchor, tree);
        return null;
    }
}

using MediBloc.Sdk.Crypto;
using System.Collections.Concurrent;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Batches;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Roles.Provider;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.Records;

/// <summary>
/// What one <see cref="MediBlocClient"/> knows about anchored batches: for every batch whose manifest it has read (and
/// checked against the anchored root), the tree, so a record's inclusion proof is found from its commitment alone.
/// Only a hint: every open re-checks the proof and the root on chain.
/// </summary>
internal sealed class BatchDirectory
{

    private readonly ConcurrentDictionary<string, IndexedBatch> _batches = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Commitment, ConcurrentQueue<(IndexedBatch Batch, int Index)>> _byCommitment = new();
    private readonly ConcurrentDictionary<string, ManifestProblem> _problems = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, BatchAnchoredEvent> _retry = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, long> _scannedFrom = new(StringComparer.Ordinal);

    /// <summary>The most unusable batches remembered with their problem, and the most tried again on each scan.</summary>
    internal const int MaxTracked = 1024;

    /// <summary>A batch whose manifest was read and matched its anchored root.</summary>
    internal sealed record IndexedBatch(BatchAnchoredEvent Anchor, RecordBatch Tree);

    /// <summary>The batches whose manifest could not be used (as far as this client has scanned), one problem each.</summary>
    public IReadOnlyList<ManifestProblem> Problems => _problems.Values.ToList();

    /// <summary>The problems of one owner's batches.</summary>
    public IReadOnlyList<ManifestProblem> ProblemsOf(EvmAddress owner) =>
        _problems.Values.Where(p => p.Owner == owner).ToList();

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
    public IReadOnlyList<(IndexedBatch Batch, int Index)> Find(Commitment commitment) =>
        _byCommitment.TryGetValue(commitment, out var found) ? found.OrderBy(f => f.Batch.Anchor.BlockNumber).ToList() : [];

    /// <summary>The batches of one owner known so far, in chain order.</summary>
    public IReadOnlyList<IndexedBatch> OfOwner(EvmAddress owner) =>
        _batches.Values.Where(b => b.Anchor.Owner == owner).OrderBy(b => b.Anchor.BlockNumber).ToList();

    /// <summary>
    /// Reads the <c>BatchAnchored</c> events of <paramref name="owner"/> (or of everyone) not read yet, and indexes the
    /// manifest of each new batch: fetched by CID (checked, at most <see cref="MediBlocClientOptions.MaxManifestBytes"/>),
    /// parsed and validated, and its tree rebuilt and compared with the root. A manifest that cannot be used is skipped
    /// and noted (<see cref="Problems"/>): for good when its bytes are at fault (never fetched again), or to be tried
    /// again on the next scan when it is only missing from the store. Only a failing store or chain throws.
    /// </summary>
    public async Task ScanAsync(ClientContext client, RecordRegistryClient registry, EvmAddress? owner, CancellationToken cancellationToken)
    {
        var refusals = client.Refusals;
        foreach (var pending in _retry.Values.Where(a => owner is null || a.Owner == owner).ToList())
        {
            await IndexOrNoteAsync(client, refusals, pending, cancellationToken).ConfigureAwait(false);
        }
        var scope = owner?.ToString() ?? "*";
        var from = _scannedFrom.GetValueOrDefault(scope);
        var next = from;
        await foreach (var anchor in registry.GetBatchAnchoredEventsAsync(owner: owner, fromBlock: from, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            next = Math.Max(next, anchor.BlockNumber + 1);
            if (_batches.ContainsKey(anchor.Root) || refusals.TryGet(KeyOf(anchor), out _))
            {
                continue;
            }
            await IndexOrNoteAsync(client, refusals, anchor, cancellationToken).ConfigureAwait(false);
        }
        _scannedFrom[scope] = next;
    }

    private static string KeyOf(BatchAnchoredEvent anchor) => string.Join('|', "batch", anchor.Owner, anchor.Root, anchor.ManifestCid);

    private async Task IndexOrNoteAsync(ClientContext client, RefusalCache refusals, BatchAnchoredEvent anchor, CancellationToken cancellationToken)
    {
        var key = KeyOf(anchor);
        var problem = await TryIndexAsync(client, anchor, cancellationToken).ConfigureAwait(false);
        if (problem is null)
        {
            _retry.TryRemove(key, out _);
            _problems.TryRemove(key, out _);
            return;
        }
        if (problem.Remembered)
        {
            refusals.Remember(key, problem);
            _retry.TryRemove(key, out _);
        }
        else if (_retry.Count < MaxTracked)
        {
            _retry[key] = anchor;
        }
        if (_problems.Count < MaxTracked || _problems.ContainsKey(key))
        {
            _problems[key] = problem;
        }
        Diagnostics.SdkLog.ManifestSkipped(client.Logger, problem.Kind, problem.Cid, problem.Code.ToString());
    }

    /// <summary>Indexes one batch; returns why its manifest is unusable, or null.</summary>
    private async Task<ManifestProblem?> TryIndexAsync(ClientContext client, BatchAnchoredEvent anchor, CancellationToken cancellationToken)
    {
        ManifestProblem Problem(MediBlocErrorCode code, string reason, bool remembered) =>
            new(ManifestProblem.BatchKind, SafeText.Truncate(anchor.ManifestCid), anchor.Owner, anchor.Root, code, reason, remembered);

        if (!ContentId.TryParse(anchor.ManifestCid, out var manifestCid))
        {
            return Problem(ManifestProblemCodes.InvalidCid, "The manifest CID anchored for the batch is not a CID.", remembered: true);
        }
        byte[] bytes;
        try
        {
            bytes = await client.FetchEnvelopeAsync(manifestCid, cancellationToken, client.Settings.MaxManifestBytes).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            return Problem(ManifestProblemCodes.NotFound, "The batch manifest is not in the content store; add it back (the publisher stored it) to open the batch's records.", remembered: false);
        }
        catch (IntegrityException)
        {
            return Problem(ManifestProblemCodes.CidMismatch, "The content store returned bytes for the batch manifest that do not hash to its CID.", remembered: false);
        }
        catch (StorageException ex) when (ex.Code == MediBlocErrorCode.TooLarge)
        {
            return Problem(ManifestProblemCodes.TooLarge, $"The batch manifest is larger than MediBlocClientOptions.MaxManifestBytes ({client.Settings.MaxManifestBytes} bytes).", remembered: true);
        }
        var tree = BatchManifest.TryBuild(bytes, out var malformed);
        if (tree is null)
        {
            return Problem(ManifestProblemCodes.Malformed, "The batch manifest is not valid: " + malformed, remembered: true);
        }
        if (!string.Equals(tree.Root, anchor.Root, StringComparison.OrdinalIgnoreCase) || tree.Count != anchor.Count)
        {
            return Problem(ManifestProblemCodes.RootMismatch, $"The batch manifest lists {tree.Count} records whose Merkle root is {tree.Root}, not the anchored root (the manifest does not belong to this batch).", remembered: true);
        }
        Add(anchor, tree);
        return null;
    }
}

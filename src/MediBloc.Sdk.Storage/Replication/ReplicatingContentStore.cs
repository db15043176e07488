using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace MediBloc.Sdk.Storage.Replication;

/// <summary>
/// A local primary store (the device) backed up to another store (IPFS). Writes land in the primary first and are
/// copied to the backup (in the background, or by <see cref="SyncAsync"/>); reads fall back to the backup when the
/// primary's copy is missing or corrupt, and repair it; <see cref="VerifyAllAsync(bool, CancellationToken)"/> checks
/// both sides; <see cref="RestoreAsync"/> rebuilds a lost device from the backup given the anchored CIDs.
/// </summary>
/// <remarks>
/// Both stores must name objects with the same format (the default of every store in this library: CIDv1, raw
/// leaves). The primary's put must replace a damaged copy of the same object, as <see cref="Local.LocalContentStore"/>'s
/// does. Thread-safe; dispose it to stop background replication (objects not yet copied are copied by the next
/// <see cref="SyncAsync"/>, which compares the whole primary with the backup).
/// </remarks>
public class ReplicatingContentStore : IContentStore, IAsyncDisposable
{
    private readonly IContentStore _primary = null!;
    private readonly IContentStore _backup = null!;
    private readonly ReplicatingContentStoreOptions _options = null!;
    private readonly ConcurrentDictionary<ContentId, byte> _pending = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly SemaphoreSlim _copying = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task? _worker;

    /// <summary>For mocking.</summary>
    protected ReplicatingContentStore()
    {
    }

    /// <summary>Creates a replicating store.</summary>
    /// <param name="primary">The primary store (usually a <see cref="Local.LocalContentStore"/>).</param>
    /// <param name="backup">The backup store (usually an <see cref="Ipfs.IpfsContentStore"/>).</param>
    /// <param name="options">The options; null for the defaults (background replication, verify and repair on read).</param>
    /// <exception cref="ArgumentNullException"><paramref name="primary"/> or <paramref name="backup"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    /// <exception cref="ArgumentException">Both stores are of this library and name objects in different formats.</exception>
    public ReplicatingContentStore(IContentStore primary, IContentStore backup, ReplicatingContentStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(backup);
        _options = options?.Clone() ?? new ReplicatingContentStoreOptions();
        _options.Validate();
        Replicas.EnsureSameFormat(primary, backup);
        _primary = primary;
        _backup = backup;
        if (_options.Mode == ReplicationMode.Background)
        {
            _worker = Task.Run(ReplicateInBackgroundAsync);
        }
    }

    /// <summary>The primary store.</summary>
    public virtual IContentStore Primary => _primary;

    /// <summary>The backup store.</summary>
    public virtual IContentStore Backup => _backup;

    /// <summary>The number of objects put through this instance and not yet copied to the backup.</summary>
    public virtual int PendingCount => _pending.Count;

    /// <summary>The last failure of background replication (null once a later attempt succeeds).</summary>
    public virtual Exception? LastReplicationError { get; private set; }

    /// <inheritdoc />
    /// <remarks>Returns once the primary holds the object; the copy to the backup follows (see <see cref="ReplicationMode"/>).</remarks>
    public virtual async Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var cid = await _primary.PutAsync(content, cancellationToken).ConfigureAwait(false);
        if (_pending.TryAdd(cid, 0) && _options.Mode == ReplicationMode.Background)
        {
            _signal.Release();
        }

        return cid;
    }

    /// <summary>
    /// Copies to the backup every object of the primary (and every object put through this instance) that the
    /// backup does not hold.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was copied, what was there already, and what could not be copied because the primary's copy is corrupt.</returns>
    /// <exception cref="StorageException">A store is unavailable (for example the IPFS node is down or dies mid-upload); objects not yet copied stay pending, the primary's copies are untouched.</exception>
    /// <exception cref="QuotaExceededException">The backup's quota would be exceeded.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task<SyncResult> SyncAsync(CancellationToken cancellationToken = default)
    {
        var uploaded = new List<ContentId>();
        var corrupt = new List<ContentId>();
        var present = 0;
        foreach (var cid in await PrimaryObjectsAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (await ReplicateAsync(cid, onlyIfPending: false, cancellationToken).ConfigureAwait(false))
                {
                    uploaded.Add(cid);
                }
                else
                {
                    present++;
                }
            }
            catch (IntegrityException)
            {
                corrupt.Add(cid);
            }
            catch (NotFoundException)
            {
                // Deleted from the primary meanwhile: nothing to copy.
                _pending.TryRemove(cid, out _);
            }
        }

        return new SyncResult(uploaded, present, corrupt);
    }

    /// <summary>Checks every object of the primary (and every pending one) in both stores, reading each copy whole.</summary>
    /// <param name="repair">Whether to rewrite a missing or corrupt copy from the other store's intact one.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The missing or corrupt copies per store.</returns>
    /// <exception cref="StorageException">A store is unavailable.</exception>
    /// <exception cref="QuotaExceededException">A repair would exceed a store's quota.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task<VerificationReport> VerifyAllAsync(bool repair = false, CancellationToken cancellationToken = default) =>
        await VerifyAllAsync(await PrimaryObjectsAsync(cancellationToken).ConfigureAwait(false), repair, cancellationToken).ConfigureAwait(false);

    /// <summary>Checks the given objects (for example every CID anchored for a patient) in both stores, reading each copy whole.</summary>
    /// <param name="cids">The objects to check.</param>
    /// <param name="repair">Whether to rewrite a missing or corrupt copy from the other store's intact one.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The missing or corrupt copies per store.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cids"/> is null.</exception>
    /// <exception cref="StorageException">A store is unavailable.</exception>
    /// <exception cref="QuotaExceededException">A repair would exceed a store's quota.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task<VerificationReport> VerifyAllAsync(IEnumerable<ContentId> cids, bool repair = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cids);
        var problems = new List<ReplicaProblem>();
        var count = 0;
        foreach (var cid in cids.Distinct())
        {
            count++;
            var primary = await Replicas.CheckAsync(_primary, cid, cancellationToken).ConfigureAwait(false);
            var backup = await Replicas.CheckAsync(_backup, cid, cancellationToken).ConfigureAwait(false);
            if (primary != Replicas.State.Intact)
            {
                var repaired = repair && backup == Replicas.State.Intact && await RepairAsync(_backup, _primary, cid, cancellationToken).ConfigureAwait(false);
                problems.Add(new ReplicaProblem(cid, ReplicaRole.Primary, Kind(primary), repaired));
            }

            if (backup != Replicas.State.Intact)
            {
                var repaired = repair && primary == Replicas.State.Intact && await RepairAsync(_primary, _backup, cid, cancellationToken).ConfigureAwait(false);
                problems.Add(new ReplicaProblem(cid, ReplicaRole.Backup, Kind(backup), repaired));
                if (repaired)
                {
                    _pending.TryRemove(cid, out _);
                }
            }
        }

        return new VerificationReport(count, problems);
    }

    /// <summary>
    /// Rebuilds the primary (a new or wiped device) from the backup: every given object the primary does not hold
    /// intact is copied from the backup and verified against its CID.
    /// </summary>
    /// <param name="cids">The objects to restore, for example every CID anchored on the chain for the patient.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was restored, what was there already, and what the backup could not provide intact.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cids"/> is null.</exception>
    /// <exception cref="StorageException">A store is unavailable.</exception>
    /// <exception cref="QuotaExceededException">The primary's quota would be exceeded.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task<RestoreResult> RestoreAsync(IEnumerable<ContentId> cids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cids);
        var restored = new List<ContentId>();
        var present = new List<ContentId>();
        var lost = new List<ContentId>();
        foreach (var cid in cids.Distinct())
        {
            if (await Replicas.CheckAsync(_primary, cid, cancellationToken).ConfigureAwait(false) == Replicas.State.Intact)
            {
                present.Add(cid);
                continue;
            }

            try
            {
                await Replicas.CopyAsync(_backup, _primary, cid, cancellationToken).ConfigureAwait(false);
                restored.Add(cid);
            }
            catch (Exception e) when (e is NotFoundException or IntegrityException)
            {
                lost.Add(cid);
            }
        }

        return new RestoreResult(restored, present, lost);
    }

    /// <inheritdoc />
    /// <exception cref="NotFoundException">Neither store holds the object.</exception>
    /// <exception cref="IntegrityException">The primary's copy is corrupt and the backup holds no intact one (raised while reading when <see cref="ReplicatingContentStoreOptions.VerifyBeforeRead"/> is off).</exception>
    public virtual async Task<Stream> OpenReadAsync(ContentId cid, CancellationToken cancellationToken = default)
    {
        Replicas.State state;
        try
        {
            if (_options.VerifyBeforeRead)
            {
                state = await Replicas.CheckAsync(_primary, cid, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                try
                {
                    return await _primary.OpenReadAsync(cid, cancellationToken).ConfigureAwait(false);
                }
                catch (NotFoundException)
                {
                    state = Replicas.State.Missing;
                }
            }
        }
        catch (StorageException)
        {
            // The primary is unavailable: read the backup, repair nothing.
            return await _backup.OpenReadAsync(cid, cancellationToken).ConfigureAwait(false);
        }

        if (state == Replicas.State.Intact)
        {
            return await _primary.OpenReadAsync(cid, cancellationToken).ConfigureAwait(false);
        }

        return await RecoverAsync(cid, state, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public virtual async Task<bool> ExistsAsync(ContentId cid, CancellationToken cancellationToken = default) =>
        await _primary.ExistsAsync(cid, cancellationToken).ConfigureAwait(false)
        || await _backup.ExistsAsync(cid, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    /// <remarks>Pins the object in each store that holds it.</remarks>
    public virtual async Task PinAsync(ContentId cid, CancellationToken cancellationToken = default)
    {
        var pinned = await TryAsync(() => _primary.PinAsync(cid, cancellationToken)).ConfigureAwait(false);
        pinned |= await TryAsync(() => _backup.PinAsync(cid, cancellationToken)).ConfigureAwait(false);
        if (!pinned)
        {
            throw new NotFoundException($"Neither the primary nor the backup store holds {cid}.") { Cid = cid.ToString() };
        }
    }

    /// <inheritdoc />
    public virtual async Task UnpinAsync(ContentId cid, CancellationToken cancellationToken = default)
    {
        await _primary.UnpinAsync(cid, cancellationToken).ConfigureAwait(false);
        await _backup.UnpinAsync(cid, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>The primary's information, or the backup's when the primary does not hold the object.</remarks>
    public virtual async Task<ContentInfo> GetInfoAsync(ContentId cid, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _primary.GetInfoAsync(cid, cancellationToken).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            return await _backup.GetInfoAsync(cid, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>Lists the primary's objects (the backup, an IPFS node, may hold many others').</remarks>
    public virtual IAsyncEnumerable<ContentId> ListAsync(CancellationToken cancellationToken = default) => _primary.ListAsync(cancellationToken);

    /// <inheritdoc />
    /// <remarks>Deletes the primary's copy and the backup's (on IPFS: unpins it; copies elsewhere on the network are out of reach).</remarks>
    public virtual async Task<bool> DeleteAsync(ContentId cid, CancellationToken cancellationToken = default)
    {
        await _copying.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _pending.TryRemove(cid, out _);
            var deleted = await _primary.DeleteAsync(cid, cancellationToken).ConfigureAwait(false);
            return await _backup.DeleteAsync(cid, cancellationToken).ConfigureAwait(false) | deleted;
        }
        finally
        {
            _copying.Release();
        }
    }

    /// <summary>Stops background replication (waiting for the copy in progress to stop).</summary>
    /// <returns>A task that completes when it has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops background replication; override to release more.</summary>
    /// <returns>A task that completes when it has stopped.</returns>
    protected virtual async ValueTask DisposeAsyncCore()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_worker is not null)
        {
            await _worker.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // The semaphores stay usable: a put or sync after disposal still works, only without the background copy.
        _stop.Dispose();
    }

    private async Task<Stream> RecoverAsync(ContentId cid, Replicas.State state, CancellationToken cancellationToken)
    {
        try
        {
            if (!_options.RepairOnRead)
            {
                return await _backup.OpenReadAsync(cid, cancellationToken).ConfigureAwait(false);
            }

            await Replicas.CopyAsync(_backup, _primary, cid, cancellationToken).ConfigureAwait(false);
            _options.Logger?.LogInformation("Repaired the primary's copy of {Cid} ({State}) from the backup.", cid, state);
            return await _primary.OpenReadAsync(cid, cancellationToken).ConfigureAwait(false);
        }
        catch (QuotaExceededException)
        {
            return await _backup.OpenReadAsync(cid, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NotFoundException or IntegrityException && state == Replicas.State.Missing)
        {
            throw new NotFoundException($"Neither the primary nor the backup store holds an intact copy of {cid}.", MediBlocErrorCode.NotFound, e) { Cid = cid.ToString() };
        }
        catch (Exception e) when (e is NotFoundException or IntegrityException)
        {
            throw new IntegrityException($"The primary's copy of {cid} is corrupt and the backup holds no intact copy.", IntegrityCheck.Cid, e) { Cid = cid.ToString() };
        }
    }

    private async Task<bool> RepairAsync(IContentStore from, IContentStore to, ContentId cid, CancellationToken cancellationToken)
    {
        await Replicas.CopyAsync(from, to, cid, cancellationToken).ConfigureAwait(false);
        return await Replicas.CheckAsync(to, cid, cancellationToken).ConfigureAwait(false) == Replicas.State.Intact;
    }

    /// <summary>Copies one object to the backup unless it holds it; true when copied.</summary>
    private async Task<bool> ReplicateAsync(ContentId cid, bool onlyIfPending, CancellationToken cancellationToken)
    {
        // One copy at a time, and never beside a delete, so that a deleted object is not copied back.
        await _copying.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (onlyIfPending && !_pending.ContainsKey(cid))
            {
                return false;
            }

            if (await _backup.ExistsAsync(cid, cancellationToken).ConfigureAwait(false))
            {
                _pending.TryRemove(cid, out _);
                return false;
            }

            await Replicas.CopyAsync(_primary, _backup, cid, cancellationToken).ConfigureAwait(false);
            _pending.TryRemove(cid, out _);
            return true;
        }
        finally
        {
            _copying.Release();
        }
    }

    private async Task<IReadOnlyCollection<ContentId>> PrimaryObjectsAsync(CancellationToken cancellationToken)
    {
        var all = new HashSet<ContentId>(_pending.Keys);
        await foreach (var cid in _primary.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            all.Add(cid);
        }

        return all;
    }

    private async Task ReplicateInBackgroundAsync()
    {
        var token = _stop.Token;
        var delay = Timeout.InfiniteTimeSpan;
        var nextDelay = _options.RetryDelay;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(delay, token).ConfigureAwait(false);
                foreach (var cid in _pending.Keys)
                {
                    try
                    {
                        await ReplicateAsync(cid, onlyIfPending: true, token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is IntegrityException or NotFoundException)
                    {
                        // Deleted, or corrupt in the primary: retrying cannot help; VerifyAllAsync reports it.
                        _pending.TryRemove(cid, out _);
                        _options.Logger?.LogError(e, "Could not replicate {Cid}: {Reason}", cid, e.Message);
                    }
                }

                LastReplicationError = null;
                delay = Timeout.InfiniteTimeSpan;
                nextDelay = _options.RetryDelay;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Unavailable backup (or anything else): keep the objects pending and retry later; never stop the loop.
                LastReplicationError = e;
                _options.Logger?.LogWarning(e, "Background replication failed; retrying in {Delay}.", nextDelay);
                delay = nextDelay;
                nextDelay = TimeSpan.FromTicks(Math.Min(nextDelay.Ticks * 2, _options.MaxRetryDelay.Ticks));
            }
        }
    }

    private static ReplicaProblemKind Kind(Replicas.State state) => state == Replicas.State.Missing ? ReplicaProblemKind.Missing : ReplicaProblemKind.Corrupt;

    private static async Task<bool> TryAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}

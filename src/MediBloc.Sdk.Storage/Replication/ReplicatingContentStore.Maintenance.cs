using Microsoft.Extensions.Logging;

namespace MediBloc.Sdk.Storage.Replication;

/// <content>Sync, verification, restore and the background copy.</content>
public partial class ReplicatingContentStore
{
    /// <summary>
    /// Copies to the backup every object of the primary (and every object put through this instance) that the
    /// backup does not hold.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was copied, what was there already, and what could not be copied because the primary's copy is corrupt.</returns>
    /// <exception cref="StorageException">A store is unavailable (for example the IPFS node is down or dies mid-upload); objects not yet copied stay pending, the primary's copies are untouched.</exception>
    /// <exception cref="QuotaExceededException">The backup's quota would be exceeded.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual Task<SyncResult> SyncAsync(CancellationToken cancellationToken = default) =>
        StorageDiagnostics.TraceAsync("ReplicatingContentStore.Sync", null, _ => SyncCoreAsync(cancellationToken));

    private async Task<SyncResult> SyncCoreAsync(CancellationToken cancellationToken)
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
                await ForgetAsync(cid).ConfigureAwait(false);
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
    public virtual Task<VerificationReport> VerifyAllAsync(IEnumerable<ContentId> cids, bool repair = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cids);
        return StorageDiagnostics.TraceAsync("ReplicatingContentStore.VerifyAll", null, _ => VerifyCoreAsync(cids, repair, cancellationToken));
    }

    private async Task<VerificationReport> VerifyCoreAsync(IEnumerable<ContentId> cids, bool repair, CancellationToken cancellationToken)
    {
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
                    await ForgetAsync(cid).ConfigureAwait(false);
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
    public virtual Task<RestoreResult> RestoreAsync(IEnumerable<ContentId> cids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cids);
        return StorageDiagnostics.TraceAsync("ReplicatingContentStore.Restore", null, _ => RestoreCoreAsync(cids, cancellationToken));
    }

    private async Task<RestoreResult> RestoreCoreAsync(IEnumerable<ContentId> cids, CancellationToken cancellationToken)
    {
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
            var pending = _pending.ContainsKey(cid);
            if (onlyIfPending && !pending)
            {
                return false;
            }

            // An object put through this instance and not copied yet goes straight to the backup: puts are idempotent
            // by content, and asking an IPFS node for a block it lacks costs its whole lookup timeout.
            if (!pending && await Replicas.HoldsAsync(_backup, cid, cancellationToken).ConfigureAwait(false))
            {
                await ForgetAsync(cid).ConfigureAwait(false);
                return false;
            }

            await Replicas.CopyAsync(_primary, _backup, cid, cancellationToken).ConfigureAwait(false);
            await ForgetAsync(cid).ConfigureAwait(false);
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
                        await ForgetAsync(cid).ConfigureAwait(false);
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
}

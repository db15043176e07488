using System.Collections.Concurrent;
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
/// <para>
/// With <see cref="ReplicatingContentStoreOptions.JournalDirectory"/> set, the objects waiting for their backup copy
/// (the backup is down, or the mode is <see cref="ReplicationMode.Manual"/>) are also kept in a small journal file
/// there, written atomically and owner-only before <see cref="PutAsync"/> returns. A new instance over the same
/// journal, after a crash or a restart, copies them (in the background, or with the next <see cref="SyncAsync"/>)
/// without listing the whole primary. Use one instance per journal folder.
/// </para>
/// </remarks>
public partial class ReplicatingContentStore : IContentStore, IAsyncDisposable
{
    private readonly IContentStore _primary = null!;
    private readonly IContentStore _backup = null!;
    private readonly ReplicatingContentStoreOptions _options = null!;
    private readonly ConcurrentDictionary<ContentId, byte> _pending = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly SemaphoreSlim _copying = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task? _worker;
    private readonly PendingJournal? _journal;

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
    /// <exception cref="StorageException">The journal folder (<see cref="ReplicatingContentStoreOptions.JournalDirectory"/>) cannot be used, is not private to the user (code <see cref="MediBlocErrorCode.InsecureFolder"/>), or holds a journal that cannot be read.</exception>
    public ReplicatingContentStore(IContentStore primary, IContentStore backup, ReplicatingContentStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(backup);
        _options = options?.Clone() ?? new ReplicatingContentStoreOptions();
        _options.Validate();
        Replicas.EnsureSameFormat(primary, backup);
        _primary = primary;
        _backup = backup;
        if (_options.JournalDirectory is { } journalDirectory)
        {
            _journal = PendingJournal.Open(journalDirectory);
            foreach (var cid in _journal.Load())
            {
                _pending.TryAdd(cid, 0);
            }

            if (!_pending.IsEmpty && _options.Mode == ReplicationMode.Background)
            {
                _signal.Release();
            }
        }

        if (_options.Mode == ReplicationMode.Background)
        {
            _worker = Task.Run(ReplicateInBackgroundAsync);
        }
    }

    /// <summary>The primary store.</summary>
    public virtual IContentStore Primary => _primary;

    /// <summary>The backup store.</summary>
    public virtual IContentStore Backup => _backup;

    /// <summary>The number of objects put through this instance (or found in its journal) and not yet copied to the backup.</summary>
    public virtual int PendingCount => _pending.Count;

    /// <summary>The last failure of background replication (null once a later attempt succeeds).</summary>
    public virtual Exception? LastReplicationError { get; private set; }

    /// <inheritdoc />
    /// <remarks>Returns once the primary holds the object (and, with a journal, once the journal names it); the copy to the backup follows (see <see cref="ReplicationMode"/>).</remarks>
    /// <exception cref="StorageException">The primary failed, or the journal could not be written (the object is then in the primary, and still copied by this instance or by a later <see cref="SyncAsync"/>).</exception>
    public virtual Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return StorageDiagnostics.TraceAsync("ReplicatingContentStore.Put", null, async _ =>
        {
            var cid = await _primary.PutAsync(content, cancellationToken).ConfigureAwait(false);
            if (_pending.TryAdd(cid, 0))
            {
                try
                {
                    await SaveJournalAsync().ConfigureAwait(false);
                }
                finally
                {
                    if (_options.Mode == ReplicationMode.Background)
                    {
                        _signal.Release();
                    }
                }
            }

            return cid;
        });
    }

    /// <inheritdoc />
    /// <exception cref="NotFoundException">Neither store holds the object.</exception>
    /// <exception cref="IntegrityException">The primary's copy is corrupt and the backup holds no intact one (raised while reading when <see cref="ReplicatingContentStoreOptions.VerifyBeforeRead"/> is off).</exception>
    public virtual Task<Stream> OpenReadAsync(ContentId cid, CancellationToken cancellationToken = default) =>
        StorageDiagnostics.TraceAsync("ReplicatingContentStore.OpenRead", cid, _ => OpenReadCoreAsync(cid, cancellationToken));

    private async Task<Stream> OpenReadCoreAsync(ContentId cid, CancellationToken cancellationToken)
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
            await ForgetAsync(cid).ConfigureAwait(false);
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

    /// <summary>Writes the pending set to the journal, if there is one.</summary>
    /// <exception cref="StorageException">The journal could not be written.</exception>
    private async Task SaveJournalAsync()
    {
        if (_journal is null)
        {
            return;
        }

        try
        {
            // Not cancellable: once the primary holds an object, the journal must name it.
            await _journal.SaveAsync(() => _pending.Keys, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"The replication journal '{_journal.Path}' could not be written: {e.Message}", MediBlocErrorCode.StorageError, e);
        }
    }

    /// <summary>Drops an object from the pending set (and the journal); a journal that cannot be written is logged, never thrown: it only names one copy too many.</summary>
    private async Task ForgetAsync(ContentId cid)
    {
        if (!_pending.TryRemove(cid, out _) || _journal is null)
        {
            return;
        }

        try
        {
            await SaveJournalAsync().ConfigureAwait(false);
        }
        catch (StorageException e)
        {
            _options.Logger?.LogWarning(e, "Could not update the replication journal; {Cid} may be copied again.", cid);
        }
    }

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

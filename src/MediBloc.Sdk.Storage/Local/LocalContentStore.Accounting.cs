using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.Storage.Local;

/// <content>Quota accounting: what each owner is charged for, and the commit of a put.</content>
public partial class LocalContentStore
{
    /// <summary>What this store's owner uses of its quota.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The usage.</returns>
    /// <exception cref="StorageException">The folder cannot be read.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task<StorageUsage> GetUsageAsync(CancellationToken cancellationToken = default)
    {
        var account = await LoadAccountAsync(cancellationToken).ConfigureAwait(false);
        await account.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new StorageUsage(account.Used, QuotaOf(account), account.Count);
        }
        finally
        {
            account.Lock.Release();
        }
    }

    /// <summary>Sets this store's owner's quota (for example after buying storage), kept in the folder.</summary>
    /// <param name="quotaBytes">The quota in bytes. Lowering it below the usage blocks new objects, deletes nothing.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the quota is saved.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quotaBytes"/> is negative.</exception>
    /// <exception cref="StorageException">The folder cannot be written.</exception>
    /// <exception cref="OperationCanceledException">The operation was cancelled.</exception>
    public virtual async Task SetQuotaAsync(long quotaBytes, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quotaBytes);
        var account = await LoadAccountAsync(cancellationToken).ConfigureAwait(false);
        await account.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await LocalStoreFolder.WriteQuotaAsync(account, quotaBytes, cancellationToken).ConfigureAwait(false);
            account.Quota = quotaBytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failed("save the quota", e);
        }
        finally
        {
            account.Lock.Release();
        }
    }

    private async Task CommitAsync(OwnerAccount account, ContentId cid, string temp, long length, bool complete, CancellationToken cancellationToken)
    {
        var target = _folder.ObjectPath(cid);
        var charge = account.ChargePath(LocalStoreFolder.NameOf(cid));
        await account.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var charged = File.Exists(charge);
            var quota = QuotaOf(account);
            if (!charged && account.Used + length > quota)
            {
                throw new QuotaExceededException(
                    $"Storing {length:N0} bytes would exceed the local store's quota for this owner ({account.Used:N0} of {quota:N0} bytes used). Delete objects or raise the quota.")
                {
                    Cid = cid.ToString(),
                };
            }

            if (complete)
            {
                var shard = Path.GetDirectoryName(target)!;
                PrivateFiles.CreateFolder(shard);
                try
                {
                    File.Move(temp, target, overwrite: true);
                    if (_folder.Options.FlushToDisk)
                    {
                        PrivateFiles.SyncFolder(shard);
                    }
                }
                catch (IOException) when (File.Exists(target))
                {
                    // Open by a reader where that blocks replacing (Windows): the object is there, written by another put.
                }
            }
            else if (!File.Exists(target))
            {
                // Charged to the owner but deleted meanwhile by another process, and too big to store again.
                throw new QuotaExceededException($"Storing {length:N0} bytes would exceed the local store's quota for this owner ({account.Used:N0} of {quota:N0} bytes used).")
                {
                    Cid = cid.ToString(),
                };
            }

            if (!charged)
            {
                PrivateFiles.CreateFolder(account.Directory);
                PrivateFiles.CreateEmpty(charge);
                account.Used += length;
                account.Count++;
            }
        }
        finally
        {
            account.Lock.Release();
        }
    }

    private async Task<OwnerAccount> LoadAccountAsync(CancellationToken cancellationToken)
    {
        var account = _folder.GetAccount(_owner);
        try
        {
            await _folder.EnsureLoadedAsync(account, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failed("read the owner's usage", e);
        }

        return account;
    }

    private long QuotaOf(OwnerAccount account) => account.Quota ?? _folder.Options.DefaultQuotaBytes;
}

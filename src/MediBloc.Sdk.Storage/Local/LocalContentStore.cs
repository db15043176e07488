using System.Buffers;
using System.Runtime.CompilerServices;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.Storage.Local;

/// <summary>
/// The device store: objects as files in a sharded folder, named by the CID of their bytes (by default
/// <c>ipfs add --cid-version=1</c>'s, so the CID equals an IPFS node's for the same bytes).
/// </summary>
/// <remarks>
/// <para>
/// Writes are atomic: the bytes go to a temporary file, are flushed to the disk (fsync), and only then renamed to
/// the object's name, after which the object's folder is flushed too (so the rename itself survives a power cut); a writer that is killed, cancelled or fails never leaves a visible partial object; its
/// temporary file is removed when a store next opens the folder. Concurrent writers (threads or processes) of the
/// same object are safe: every complete copy has the same bytes, and the rename replaces one whole file with
/// another. A put of an object that is already stored rewrites it, which also heals a corrupted copy.
/// </para>
/// <para>
/// The store keeps the file bytes, not the DAG's blocks, and recomputes the CID while an object is read: a read
/// that reaches the end of bytes which do not match the CID throws <see cref="IntegrityException"/>.
/// </para>
/// <para>
/// Each object stored is charged to an owner (<see cref="ForOwner"/>; by default
/// <see cref="LocalContentStoreOptions.DefaultOwner"/>) against the owner's quota (1 GB unless set with
/// <see cref="SetQuotaAsync"/>); an object counts once per owner however often it is put. Use one instance per
/// folder in a process (it is thread-safe): instances in other processes share the objects safely, but each keeps
/// its own running total of the charges.
/// </para>
/// <para>
/// On Unix every folder the store creates is 0700 and every file 0600 (owner-only), set as each is created. On
/// Windows files and folders inherit the ACLs of the folder they are in.
/// </para>
/// </remarks>
public partial class LocalContentStore : IContentStore
{
    private const int BufferSize = 128 * 1024;
    private readonly LocalStoreFolder _folder = null!;
    private readonly string _owner = null!;

    /// <summary>For mocking.</summary>
    protected LocalContentStore()
    {
    }

    /// <summary>Opens (creating it if needed) a store in a folder.</summary>
    /// <param name="rootPath">The store's folder.</param>
    /// <param name="options">The store's options; null for the defaults (CIDv1 raw leaves, 1 GB per owner, fsync on).</param>
    /// <exception cref="ArgumentNullException"><paramref name="rootPath"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="rootPath"/> is empty, or an option is invalid.</exception>
    /// <exception cref="StorageException">The folder cannot be created or used.</exception>
    public LocalContentStore(string rootPath, LocalContentStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootPath);
        var copy = options?.Clone() ?? new LocalContentStoreOptions();
        copy.Validate();
        try
        {
            _folder = new LocalStoreFolder(rootPath, copy);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new StorageException($"The local store cannot use the folder '{rootPath}': {e.Message}", MediBlocErrorCode.StorageError, e);
        }

        _owner = copy.DefaultOwner;
    }

    private LocalContentStore(LocalStoreFolder folder, string owner)
    {
        _folder = folder;
        _owner = owner;
    }

    /// <summary>The store's folder (a full path).</summary>
    public virtual string RootPath => _folder.Root;

    /// <summary>The owner that <see cref="PutAsync"/> charges.</summary>
    public virtual string Owner => _owner;

    /// <summary>The DAG format that names stored objects (a copy).</summary>
    public virtual UnixFsOptions Format => _folder.Options.Format.Clone();

    /// <summary>
    /// A view of the same folder whose puts are charged to another owner (for example a patient's account address).
    /// Owners are compared ignoring case. Reads, pins, lists and deletes see every owner's objects.
    /// </summary>
    /// <param name="owner">The owner's id.</param>
    /// <returns>A store sharing this one's folder, state and options.</returns>
    /// <exception cref="ArgumentException"><paramref name="owner"/> is null, empty or white space.</exception>
    public virtual LocalContentStore ForOwner(string owner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        return new LocalContentStore(_folder, owner);
    }

    /// <inheritdoc />
    /// <exception cref="QuotaExceededException">The object is new to this store's owner and does not fit in its quota; nothing was stored.</exception>
    public virtual Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return StorageDiagnostics.TraceAsync("LocalContentStore.Put", null, activity => PutCoreAsync(content, activity, cancellationToken));
    }

    /// <inheritdoc />
    public virtual Task<Stream> OpenReadAsync(ContentId cid, CancellationToken cancellationToken = default) =>
        StorageDiagnostics.TraceAsync("LocalContentStore.OpenRead", cid, _ => OpenReadCoreAsync(cid, cancellationToken));

    /// <inheritdoc />
    public virtual Task PinAsync(ContentId cid, CancellationToken cancellationToken = default) =>
        StorageDiagnostics.TraceAsync("LocalContentStore.Pin", cid, _ => PinCoreAsync(cid, cancellationToken));

    /// <inheritdoc />
    /// <remarks>Deletes the object for every owner of the folder, with its pin, and frees its charge.</remarks>
    public virtual Task<bool> DeleteAsync(ContentId cid, CancellationToken cancellationToken = default) =>
        StorageDiagnostics.TraceAsync("LocalContentStore.Delete", cid, _ => DeleteCoreAsync(cid, cancellationToken));

    private async Task<ContentId> PutCoreAsync(Stream content, System.Diagnostics.Activity? activity, CancellationToken cancellationToken)
    {
        var account = await LoadAccountAsync(cancellationToken).ConfigureAwait(false);
        var room = QuotaOf(account) - account.Used;
        var builder = new UnixFsBuilder(_folder.Options.Format);
        var temp = _folder.NewTemporaryPath();
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var reading = false;
        try
        {
            long length = 0;
            var complete = true;
            var file = new FileStream(temp, PrivateFiles.NewFileOptions(FileOptions.Asynchronous, bufferSize: 0));
            await using (file.ConfigureAwait(false))
            {
                while (true)
                {
                    reading = true;
                    var read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false);
                    reading = false;
                    if (read == 0)
                    {
                        break;
                    }

                    builder.Append(buffer.AsSpan(0, read));
                    length += read;

                    // Past the room left, keep hashing without writing: the object fits only if the owner holds it already.
                    complete &= length <= room;
                    if (complete)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }
                }

                if (complete)
                {
                    await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                    if (_folder.Options.FlushToDisk)
                    {
                        file.Flush(flushToDisk: true);
                    }
                }
            }

            var cid = builder.Complete();
            activity?.SetTag(Diagnostics.MediBlocDiagnostics.Tags.Bytes, length);
            await CommitAsync(account, cid, temp, length, complete, cancellationToken).ConfigureAwait(false);
            return cid;
        }
        catch (Exception e) when (!reading && e is IOException or UnauthorizedAccessException)
        {
            throw Failed("store an object", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            TryDelete(temp);
        }
    }

    private Task<Stream> OpenReadCoreAsync(ContentId cid, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var file = new FileStream(_folder.ObjectPath(cid), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream>(new UnixFsHashingStream(file, _folder.Options.Format.ForVerifying(cid), cid));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw NotFound(cid, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failed($"read {cid}", e);
        }
    }

    /// <inheritdoc />
    public virtual Task<bool> ExistsAsync(ContentId cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(File.Exists(_folder.ObjectPath(cid)));
    }

    private async Task PinCoreAsync(ContentId cid, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(cid, cancellationToken).ConfigureAwait(false))
        {
            throw NotFound(cid, null);
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            PrivateFiles.CreateEmpty(_folder.PinPath(cid));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failed($"pin {cid}", e);
        }
    }

    /// <inheritdoc />
    public virtual Task UnpinAsync(ContentId cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            File.Delete(_folder.PinPath(cid));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failed($"unpin {cid}", e);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public virtual Task<ContentInfo> GetInfoAsync(ContentId cid, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = new FileInfo(_folder.ObjectPath(cid));
        if (!file.Exists)
        {
            throw NotFound(cid, null);
        }

        return Task.FromResult(new ContentInfo(cid, file.Length, File.Exists(_folder.PinPath(cid))));
    }

    /// <inheritdoc />
    public virtual async IAsyncEnumerable<ContentId> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var shard in Directory.EnumerateDirectories(_folder.Objects))
        {
            foreach (var file in Directory.EnumerateFiles(shard))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (LocalStoreFolder.TryParseName(Path.GetFileName(file), out var cid))
                {
                    yield return cid;
                }
            }
        }
    }

    private async Task<bool> DeleteCoreAsync(ContentId cid, CancellationToken cancellationToken)
    {
        var path = _folder.ObjectPath(cid);
        var name = LocalStoreFolder.NameOf(cid);
        try
        {
            var file = new FileInfo(path);
            var existed = file.Exists;
            var length = existed ? file.Length : 0;
            if (existed)
            {
                // File.Delete of a name in a shard folder that was never created throws DirectoryNotFoundException.
                File.Delete(path);
            }

            File.Delete(_folder.PinPath(cid));
            foreach (var account in _folder.AllAccounts())
            {
                await account.Lock.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var charge = account.ChargePath(name);
                    if (File.Exists(charge))
                    {
                        File.Delete(charge);
                        if (account.Loaded)
                        {
                            account.Used -= length;
                            account.Count--;
                        }
                    }
                }
                finally
                {
                    account.Lock.Release();
                }
            }

            return existed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failed($"delete {cid}", e);
        }
    }

    private StorageException Failed(string what, Exception e) =>
        new($"The local store at '{_folder.Root}' could not {what}: {e.Message}", MediBlocErrorCode.StorageError, e);

    private static NotFoundException NotFound(ContentId cid, Exception? inner) =>
        new($"The local store holds no object {cid}.", MediBlocErrorCode.NotFound, inner) { Cid = cid.ToString() };

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left in tmp/, invisible; removed when a store next opens the folder.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}

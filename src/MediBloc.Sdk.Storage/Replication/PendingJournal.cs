using System.Text;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.Storage.Replication;

/// <summary>
/// The objects a <see cref="ReplicatingContentStore"/> still has to copy to its backup, kept in one small file so that
/// they survive a crash: <c>replication-pending.txt</c> in the journal folder, a header line and then one CID per line.
/// Every change rewrites the whole file atomically (temporary file, fsync, rename, fsync of the folder); the folder is
/// owner-only (0700, the file 0600) and refused when other users can write it or own it.
/// </summary>
internal sealed class PendingJournal
{
    internal const string FileName = "replication-pending.txt";
    private const string Header = "medibloc-replication-journal 1";
    private readonly SemaphoreSlim _lock = new(1, 1);

    private PendingJournal(string path)
    {
        Path = path;
    }

    /// <summary>The journal file's full path.</summary>
    public string Path { get; }

    /// <summary>Opens (creating its folder if needed) the journal in a folder.</summary>
    /// <exception cref="StorageException">The folder cannot be created, is not private to the user, or the journal is not readable.</exception>
    public static PendingJournal Open(string folder)
    {
        var full = System.IO.Path.GetFullPath(folder);
        try
        {
            PrivateFiles.CreateFolder(full);
            if (PrivateFiles.WhyNotPrivate(full) is { } reason)
            {
                throw new StorageException($"The replication journal folder '{full}' is not private to this user: {reason}.", MediBlocErrorCode.InsecureFolder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"The replication journal folder '{full}' cannot be used: {e.Message}", MediBlocErrorCode.StorageError, e);
        }

        return new PendingJournal(System.IO.Path.Combine(full, FileName));
    }

    /// <summary>The objects recorded as pending (none when there is no journal file yet).</summary>
    /// <exception cref="StorageException">The file cannot be read or is not a journal.</exception>
    public IReadOnlyList<ContentId> Load()
    {
        string[] lines;
        try
        {
            if (!File.Exists(Path))
            {
                return [];
            }

            lines = File.ReadAllLines(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"The replication journal '{Path}' cannot be read: {e.Message}", MediBlocErrorCode.StorageError, e);
        }

        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new StorageException($"'{Path}' is not a replication journal this SDK reads; move it aside (a sync of the whole store copies whatever it named).");
        }

        var cids = new List<ContentId>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            cids.Add(ContentId.TryParse(line, out var cid)
                ? cid
                : throw new StorageException($"The replication journal '{Path}' holds a line that is not a CID; move it aside (a sync of the whole store copies whatever it named)."));
        }

        return cids;
    }

    /// <summary>Replaces the journal with the current pending set, taken under the journal's lock so the last write wins with the latest state.</summary>
    /// <exception cref="IOException">The file could not be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file could not be written.</exception>
    public async Task SaveAsync(Func<IEnumerable<ContentId>> pending, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var text = new StringBuilder(Header).Append('\n');
            foreach (var cid in pending())
            {
                text.Append(cid.ToString()).Append('\n');
            }

            await PrivateFiles.WriteAtomicallyAsync(Path, Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }
}

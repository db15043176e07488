using MediBloc.Sdk.Crypto;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.Outbox;

/// <summary>
/// An <see cref="IRecordOutbox"/> in a folder on the device: one <c>.envelope</c> file and one <c>.json</c>
/// file per pending record, under <c>&lt;owner&gt;/</c>. Each file is written to a temporary name, flushed to
/// disk and renamed into place; the envelope first, the entry last, so an entry is never visible without its
/// envelope, and the folder is flushed after each rename so the rename survives a power cut. Safe for concurrent use
/// by several clients and processes.
/// </summary>
/// <remarks>
/// The outbox holds sealed envelopes and who they belong to, so it is private to the user: on Unix its folders are
/// created 0700 and its files 0600, and an existing outbox folder that other users can write, or that belongs to
/// another user, is refused (<see cref="StorageException"/> with code <see cref="MediBlocErrorCode.InsecureFolder"/>)
/// before anything is read or written. On Windows files and folders inherit the ACLs of their parent folder, which
/// this class leaves as they are.
/// </remarks>
public partial class FileRecordOutbox : IRecordOutbox
{
    private const string EntryExtension = ".json";
    private const string EnvelopeExtension = ".envelope";
    private static readonly TimeSpan OrphanAge = TimeSpan.FromHours(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private volatile bool _folderChecked;

    /// <summary>For mocking only.</summary>
    protected FileRecordOutbox()
    {
        Directory = string.Empty;
    }

    /// <summary>Creates an outbox in a folder (created when missing).</summary>
    /// <param name="directory">The folder.</param>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or empty.</exception>
    public FileRecordOutbox(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>
    /// The folder used when <see cref="MediBlocClientOptions.Outbox"/> is not set: <c>MediBloc/outbox</c> under the
    /// user's local application data (on Linux <c>$XDG_DATA_HOME</c>, else <c>~/.local/share</c>; on macOS
    /// <c>~/Library/Application Support</c>; on Windows <c>%LOCALAPPDATA%</c>). Never a shared temporary folder.
    /// </summary>
    /// <exception cref="StorageException">The user has no such folder (code <see cref="MediBlocErrorCode.InsecureFolder"/>),
    /// for example a service account without a home directory: give the client an outbox in a folder of its own.</exception>
    public static string DefaultDirectory =>
        DefaultDirectoryUnder(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify));

    /// <summary>The outbox's folder.</summary>
    public virtual string Directory { get; }

    /// <inheritdoc/>
    public virtual async Task SaveAsync(PendingRecord record, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (entryPath, envelopePath) = PathsOf(record);
        try
        {
            EnsurePrivateFolder(create: true);
            PrivateFiles.CreateFolder(Path.GetDirectoryName(entryPath)!);
            await WriteDurablyAsync(envelopePath, envelope, cancellationToken).ConfigureAwait(false);
            await WriteDurablyAsync(entryPath, JsonSerializer.SerializeToUtf8Bytes(record, Json), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"The outbox in '{Directory}' could not be written: {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public virtual async IAsyncEnumerable<PendingRecord> ListAsync(EvmAddress owner, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(Directory, OwnerFolder(owner));
        if (!EnsurePrivateFolderForReading() || !System.IO.Directory.Exists(folder))
        {
            yield break;
        }
        var entries = (await ReadEntriesAsync<PendingRecord>(folder, EnvelopeExtension, cancellationToken).ConfigureAwait(false)).Select(e => e.Entry);
        foreach (var entry in entries.OrderBy(e => e.CreatedAt))
        {
            yield return entry;
        }
    }

    /// <inheritdoc/>
    public virtual async Task<byte[]?> ReadEnvelopeAsync(PendingRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            var path = PathsOf(record).Envelope;
            return EnsurePrivateFolder(create: false) ? await ReadIfPresentAsync(path, cancellationToken).ConfigureAwait(false) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"The outbox in '{Directory}' could not be read: {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public virtual Task RemoveAsync(PendingRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (entryPath, envelopePath) = PathsOf(record);
        try
        {
            if (!EnsurePrivateFolder(create: false))
            {
                return Task.CompletedTask;
            }

            // The entry goes first: an envelope left without its entry is an orphan, never a pending record.
            File.Delete(entryPath);
            File.Delete(envelopePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"The outbox in '{Directory}' could not be written: {ex.Message}", ex);
        }
        return Task.CompletedTask;
    }

    /// <summary>The default outbox folder under a per-user data folder; refuses a missing or relative one.</summary>
    internal static string DefaultDirectoryUnder(string? userDataFolder) =>
        string.IsNullOrWhiteSpace(userDataFolder) || !Path.IsPathFullyQualified(userDataFolder)
            ? throw new StorageException(
                "There is no per-user data folder for the default outbox (set HOME or XDG_DATA_HOME, or on Windows LOCALAPPDATA); "
                + "set MediBlocClientOptions.Outbox to a FileRecordOutbox in a folder only this user can write.",
                MediBlocErrorCode.InsecureFolder)
            : Path.Combine(userDataFolder, "MediBloc", "outbox");

    /// <summary>
    /// Checks, once per instance, that the outbox folder is private to the user (creating it owner-only when
    /// <paramref name="create"/> is set); false when it does not exist and is not to be created.
    /// </summary>
    private bool EnsurePrivateFolder(bool create)
    {
        if (_folderChecked)
        {
            return true;
        }

        if (!System.IO.Directory.Exists(Directory))
        {
            if (!create)
            {
                return false;
            }

            PrivateFiles.CreateFolder(Directory);
        }

        if (PrivateFiles.WhyNotPrivate(Directory) is { } reason)
        {
            throw new StorageException($"The outbox folder '{Directory}' is not private to this user: {reason}. Nothing was read or written.", MediBlocErrorCode.InsecureFolder);
        }

        _folderChecked = true;
        return true;
    }

    private (string Entry, string Envelope) PathsOf(PendingRecord record)
    {
        var stem = Path.Combine(Directory, OwnerFolder(record.Owner), record.Commitment.ToString()[2..]);
        return (stem + EntryExtension, stem + EnvelopeExtension);
    }

    /// <summary>
    /// The folder name of an owner: the lower-case address (an <see cref="EvmAddress"/> is always 0x and 40 hex
    /// digits, so no owner can point the outbox outside its directory).
    /// </summary>
    private static string OwnerFolder(EvmAddress owner) => owner.ToString().ToLowerInvariant();

    private static Task WriteDurablyAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        PrivateFiles.WriteAtomicallyAsync(path, bytes, cancellationToken);

    /// <summary><see cref="EnsurePrivateFolder"/> for a read, with its failures as <see cref="StorageException"/>.</summary>
    private bool EnsurePrivateFolderForReading()
    {
        try
        {
            return EnsurePrivateFolder(create: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"The outbox in '{Directory}' could not be read: {ex.Message}", ex);
        }
    }

    /// <summary>Whether a parsed entry has every field a resume needs (JSON may leave any of them null).</summary>
    private static bool IsComplete(object entry) => entry switch
    {
        PendingRecord r => r.Owner != default && r.Commitment != default && r.ContentType is not null && r.RegistryAddress != default,
        PendingBatch b => b.Owner != default && b.BatchId is not null && b.RegistryAddress != default && b.Records is not null
            && b.Records.All(m => m is not null && IsComplete(m)),
        _ => true,
    };

    private static async Task<byte[]?> ReadIfPresentAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads and parses every entry file in <paramref name="folder"/>, after deleting the temporary files and the
    /// envelope files (<paramref name="envelopeExtension"/>) without an entry that a killed writer left over an hour ago.
    /// </summary>
    private async Task<List<(string Path, T Entry)>> ReadEntriesAsync<T>(string folder, string envelopeExtension, CancellationToken cancellationToken)
        where T : class
    {
        var entries = new List<(string, T)>();
        try
        {
            var cutoff = DateTime.UtcNow - OrphanAge;
            foreach (var path in System.IO.Directory.EnumerateFiles(folder))
            {
                var orphan = path.EndsWith(".tmp", StringComparison.Ordinal)
                    || (path.EndsWith(envelopeExtension, StringComparison.Ordinal) && !File.Exists(Path.ChangeExtension(path, EntryExtension)));
                if (orphan && File.GetLastWriteTimeUtc(path) < cutoff)
                {
                    TryDelete(path);
                }
            }
            foreach (var path in System.IO.Directory.EnumerateFiles(folder, "*" + EntryExtension))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var bytes = await ReadIfPresentAsync(path, cancellationToken).ConfigureAwait(false);
                if (bytes is null)
                {
                    continue;
                }
                T? entry;
                try
                {
                    entry = JsonSerializer.Deserialize<T>(bytes, Json);
                }
                catch (JsonException ex)
                {
                    throw new StorageException($"The outbox entry '{path}' is not readable ({ex.Message}); move it aside to continue.", ex);
                }
                if (entry is not null && !IsComplete(entry))
                {
                    throw new StorageException($"The outbox entry '{path}' lacks a required field (owner, commitment, content type, registry or members); move it aside to continue.");
                }
                if (entry is not null)
                {
                    entries.Add((path, entry));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"The outbox in '{Directory}' could not be read: {ex.Message}", ex);
        }
        return entries;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

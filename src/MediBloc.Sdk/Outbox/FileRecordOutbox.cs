using System.Runtime.CompilerServices;
using System.Text.Json;

namespace MediBloc.Sdk.Outbox;

/// <summary>
/// An <see cref="IRecordOutbox"/> in a folder on the device: one <c>.envelope</c> file and one <c>.json</c>
/// file per pending record, under <c>&lt;owner&gt;/</c>. Each file is written to a temporary name, flushed to
/// disk and renamed into place; the envelope first, the entry last, so an entry is never visible without its
/// envelope. Safe for concurrent use by several clients and processes.
/// </summary>
public partial class FileRecordOutbox : IRecordOutbox
{
    private const string EntryExtension = ".json";
    private const string EnvelopeExtension = ".envelope";
    private static readonly TimeSpan OrphanAge = TimeSpan.FromHours(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

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
    /// The folder used when <see cref="MediBlocClientOptions.Outbox"/> is not set:
    /// <c>MediBloc/outbox</c> under the user's local application data (on Linux <c>~/.local/share</c>).
    /// </summary>
    public static string DefaultDirectory
    {
        get
        {
            var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return Path.Combine(string.IsNullOrEmpty(root) ? Path.GetTempPath() : root, "MediBloc", "outbox");
        }
    }

    /// <summary>The outbox's folder.</summary>
    public virtual string Directory { get; }

    /// <inheritdoc/>
    public virtual async Task SaveAsync(PendingRecord record, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (entryPath, envelopePath) = PathsOf(record);
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(entryPath)!);
            await WriteDurablyAsync(envelopePath, envelope, cancellationToken).ConfigureAwait(false);
            await WriteDurablyAsync(entryPath, JsonSerializer.SerializeToUtf8Bytes(record, Json), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"The outbox in '{Directory}' could not be written: {ex.Message}", ex);
        }
    }

    /// <inheritdoc/>
    public virtual async IAsyncEnumerable<PendingRecord> ListAsync(string owner, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(Directory, OwnerFolder(owner, nameof(owner)));
        if (!System.IO.Directory.Exists(folder))
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
            return await ReadIfPresentAsync(PathsOf(record).Envelope, cancellationToken).ConfigureAwait(false);
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

    private (string Entry, string Envelope) PathsOf(PendingRecord record)
    {
        var commitment = record.Commitment.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? record.Commitment[2..] : record.Commitment;
        if (commitment.Length != 64 || !commitment.All(Uri.IsHexDigit))
        {
            throw new ArgumentException("The commitment must be 32 bytes of hex.", nameof(record));
        }
        var stem = Path.Combine(Directory, OwnerFolder(record.Owner, nameof(record)), commitment.ToLowerInvariant());
        return (stem + EntryExtension, stem + EnvelopeExtension);
    }

    /// <summary>
    /// The folder name of an owner: the lower-case address. Anything that is not an EVM address (<c>../x</c>, a rooted
    /// path, a drive name) is refused, so no caller can point the outbox outside its directory.
    /// </summary>
    private static string OwnerFolder(string? owner, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner, parameterName);
        var lower = owner.ToLowerInvariant();
        if (lower.Length != 42 || !lower.StartsWith("0x", StringComparison.Ordinal) || !lower[2..].All(Uri.IsHexDigit))
        {
            throw new ArgumentException("The owner must be an EVM address (0x and 40 hex digits).", parameterName);
        }
        return lower;
    }

    private static async Task WriteDurablyAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

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

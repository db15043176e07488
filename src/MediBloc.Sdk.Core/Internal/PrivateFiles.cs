using System.Runtime.InteropServices;

namespace MediBloc.Sdk.Internal;

/// <summary>
/// Files and folders only their owner can read: keystores, decrypted records, the outbox and the local store.
/// On Unix files are created 0600 and folders 0700 in the same system call that creates them (never created wider and
/// narrowed afterwards); on Windows they inherit the folder's ACLs unchanged. An atomic write goes to a temporary file
/// in the target's folder, is flushed to the disk, renamed into place, and then the folder itself is flushed, so the
/// rename survives a power cut.
/// </summary>
/// <remarks>
/// One source file, compiled into each package that writes files (linked from MediBloc.Sdk.Core/Internal, which does not compile it itself): each assembly
/// gets its own internal copy, so no package depends on another's internals.
/// </remarks>
internal static partial class PrivateFiles
{
    /// <summary>Read and write for the owner only (0600).</summary>
    internal const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Read, write and search for the owner only (0700).</summary>
    internal const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const int EINVAL = 22;

    /// <summary>Creates a folder and any missing parents owner-only; folders that exist keep their mode.</summary>
    internal static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            // Directory.CreateDirectory(path, mode) gives the mode to the last folder only; missing parents would get
            // the default (0777 less the umask). Create each missing folder, outermost first, owner-only.
            var missing = new Stack<string>();
            for (var folder = Path.GetFullPath(path); !Directory.Exists(folder); folder = Path.GetDirectoryName(folder)!)
            {
                missing.Push(folder);
                if (Path.GetDirectoryName(folder) is null)
                {
                    break;
                }
            }

            while (missing.TryPop(out var folder))
            {
                Directory.CreateDirectory(folder, FolderMode);
            }
        }
    }

    /// <summary>The options of a new owner-only file (created, never replaced).</summary>
    internal static FileStreamOptions NewFileOptions(FileOptions options = FileOptions.None, int bufferSize = 4096)
    {
        var result = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = options, BufferSize = bufferSize };
        if (!OperatingSystem.IsWindows())
        {
            result.UnixCreateMode = FileMode;
        }

        return result;
    }

    /// <summary>Creates a new, empty owner-only file (a marker); an existing file is left as it is.</summary>
    internal static void CreateEmpty(string path)
    {
        var options = NewFileOptions(bufferSize: 0);
        options.Mode = System.IO.FileMode.OpenOrCreate;

        // Markers are created concurrently by several writers (threads or processes): take no lock.
        options.Share = FileShare.ReadWrite | FileShare.Delete;
        using (new FileStream(path, options))
        {
        }
    }

    /// <summary>A temporary path beside <paramref name="path"/> (same folder, so the rename stays on one file system).</summary>
    internal static string TemporaryPathFor(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");

    /// <summary>
    /// Writes <paramref name="path"/> atomically and owner-only: <paramref name="write"/> fills a new temporary file
    /// beside it, which is flushed to the disk, renamed over <paramref name="path"/> and made durable by flushing the
    /// folder. On any failure the temporary file is deleted and <paramref name="path"/> is untouched.
    /// </summary>
    /// <exception cref="IOException"><paramref name="overwrite"/> is false and the file exists, or the write failed.</exception>
    internal static T WriteAtomically<T>(string path, bool overwrite, Func<Stream, T> write)
    {
        var temporary = TemporaryPathFor(path);
        try
        {
            T result;
            using (var stream = new FileStream(temporary, NewFileOptions(bufferSize: 1 << 16)))
            {
                result = write(stream);
                stream.Flush(flushToDisk: true);
            }

            Commit(temporary, path, overwrite);
            return result;
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically and owner-only, replacing it (see <see cref="WriteAtomically{T}"/>).</summary>
    internal static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var temporary = TemporaryPathFor(path);
        try
        {
            var stream = new FileStream(temporary, NewFileOptions(FileOptions.Asynchronous));
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            Commit(temporary, path, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>Renames a flushed temporary file into place, then flushes the target's folder so the rename is durable.</summary>
    internal static void Commit(string temporary, string path, bool overwrite)
    {
        File.Move(temporary, path, overwrite);
        SyncFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>
    /// Flushes a folder's entries (created, renamed and deleted names) to the disk: <c>open(O_RDONLY|O_DIRECTORY)</c>,
    /// <c>fsync</c>, <c>close</c> on Unix. .NET has no API for it. On Windows, where a folder cannot be flushed this
    /// way, it does nothing. A file system that cannot flush folders (EINVAL) is not an error.
    /// </summary>
    /// <exception cref="IOException">The folder could not be opened or flushed.</exception>
    internal static void SyncFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var descriptor = Open(path, OpenFlags());
        if (descriptor < 0)
        {
            throw Error("open", path, Marshal.GetLastPInvokeError());
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno != EINVAL)
                {
                    throw Error("flush", path, errno);
                }
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    /// <summary>Deletes a file if it exists, ignoring failures (a leftover temporary file is cleaned up later).</summary>
    internal static void TryDelete(string path)
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

    /// <summary>
    /// Why an existing folder is not private to the current user, or null when it is: writable by its group or by
    /// others, or owned by another user. Always null on Windows.
    /// </summary>
    internal static string? WhyNotPrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            return $"it is writable by other users (mode {Octal(mode)}); run chmod 700 on it";
        }

        if (OwnerOf(path) is { } owner)
        {
            return owner == GetEffectiveUserId() ? null : $"it belongs to another user (uid {owner}); use a folder of your own";
        }

        // Without statx (not Linux, or an old C library): the kernel lets only a file's owner (or root) change its
        // mode, so re-applying the current mode proves ownership without reading struct stat, whose layout differs.
        try
        {
            File.SetUnixFileMode(path, mode);
        }
        catch (UnauthorizedAccessException)
        {
            return "it belongs to another user; use a folder of your own";
        }

        return null;
    }

    /// <summary>A Unix mode in octal, e.g. <c>0700</c>.</summary>
    internal static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0xFFF, 8);

    /// <summary>The owner's user id of a file or folder (following links) on Linux, through statx; null elsewhere.</summary>
    private static uint? OwnerOf(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            const int AtFdCwd = -100;
            const uint StatxUid = 0x8;
            return Statx(AtFdCwd, path, 0, StatxUid, out var result) == 0 && (result.Mask & StatxUid) != 0 ? result.Uid : null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static int OpenFlags()
    {
        // O_RDONLY is 0 everywhere; O_DIRECTORY and O_CLOEXEC differ by platform and architecture.
        if (OperatingSystem.IsLinux())
        {
            var directory = RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 ? 0x4000 : 0x10000;
            return directory | 0x80000;
        }

        return OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() ? 0x100000 | 0x1000000 : 0;
    }

    private static IOException Error(string what, string path, int errno) =>
        new($"Could not {what} the folder '{path}' to flush it to the disk: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, out StatxResult result);

    /// <summary>The start of Linux's <c>struct statx</c> (256 bytes, the same on every architecture).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxResult
    {
        [FieldOffset(0)]
        public uint Mask;

        [FieldOffset(20)]
        public uint Uid;
    }
}

using MediBloc.Sdk.Internal;

namespace MediBloc.Cli.Commands;

/// <summary>
/// How every command writes its output file: never over an existing file without <c>--force</c>, never over one of its
/// own inputs, owner-only (0600 on Unix: keystores and opened records are private), and atomically (a temporary file
/// in the same folder, flushed to the disk, renamed into place, the folder flushed) so a failure leaves no partial file.
/// </summary>
internal static class OutputFile
{
    /// <summary>Writes <paramref name="destination"/> with <paramref name="write"/>.</summary>
    /// <param name="destination">The <c>--out</c> path.</param>
    /// <param name="force">Whether an existing file may be replaced.</param>
    /// <param name="inputs">The command's input files, as (option, path).</param>
    /// <param name="write">Fills the file; its result is returned.</param>
    /// <exception cref="UsageException">The file exists without <paramref name="force"/>, is one of the inputs, or its folder does not exist.</exception>
    internal static T Write<T>(string destination, bool force, IEnumerable<(string Option, string Path)> inputs, Func<Stream, T> write)
    {
        Check(destination, force, inputs);

        // Checked again at the rename: a file that appeared meanwhile is not replaced without --force.
        return PrivateFiles.WriteAtomically(Path.GetFullPath(destination), overwrite: force, write);
    }

    /// <summary>The checks of <see cref="Write{T}"/>, made before a command starts its work so that it fails fast.</summary>
    /// <exception cref="UsageException">The file exists without <paramref name="force"/>, is one of the inputs, or its folder does not exist.</exception>
    internal static void Check(string destination, bool force, IEnumerable<(string Option, string Path)> inputs)
    {
        var full = Path.GetFullPath(destination);
        foreach (var (option, input) in inputs)
        {
            if (SameFile(full, input))
            {
                throw new UsageException($"--out {destination} is the same file as {option} {input}; write the output to another path.");
            }
        }

        if (File.Exists(full) && !force)
        {
            throw new UsageException($"{destination} already exists; choose another path or add --force to replace it.");
        }

        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"The folder {folder} does not exist.");
        }
    }

    /// <summary>Whether two paths name the same file once made absolute and every symbolic link in them is followed.</summary>
    internal static bool SameFile(string a, string b)
    {
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        return string.Equals(Resolve(a), Resolve(b), comparison);
    }

    /// <summary>The absolute path with every symbolic link (of the file or of a folder on its way) followed, as far as the path exists.</summary>
    internal static string Resolve(string path, int depth = 0)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            current = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.Exists && info.LinkTarget is not null && depth < 40)
            {
                // The final target may itself lie under linked folders: resolve it again.
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is not null)
                {
                    current = Resolve(target.FullName, depth + 1);
                }
            }
        }

        return current;
    }
}

namespace MediBloc.Sdk.Tests.Files;

/// <summary>
/// Asserts that files and folders are private to their owner: 0600 and 0700 on Unix. On Windows, where the SDK leaves
/// ACLs as they are, it checks nothing. Linked into every test project that checks files the SDK or the tool creates.
/// </summary>
internal static class OwnerOnly
{
    private const UnixFileMode File0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Folder0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Asserts the mode of <paramref name="root"/> (a folder) and of every folder and file under it; returns how many were checked.</summary>
    public static int AssertTree(string root)
    {
        AssertFolder(root);
        var count = 1;
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            if (Directory.Exists(entry))
            {
                AssertFolder(entry);
            }
            else
            {
                AssertFile(entry);
            }

            count++;
        }

        return count;
    }

    /// <summary>Asserts a file is 0600.</summary>
    public static void AssertFile(string path)
    {
        Assert.True(File.Exists(path), $"{path} does not exist");
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(File0600 == File.GetUnixFileMode(path), $"{path} is {Octal(File.GetUnixFileMode(path))}, not 0600");
        }
    }

    /// <summary>Asserts a folder is 0700.</summary>
    public static void AssertFolder(string path)
    {
        Assert.True(Directory.Exists(path), $"{path} does not exist");
        if (!OperatingSystem.IsWindows())
        {
            Assert.True(Folder0700 == File.GetUnixFileMode(path), $"{path} is {Octal(File.GetUnixFileMode(path))}, not 0700");
        }
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8);
}

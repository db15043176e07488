using MediBloc.Sdk.Internal;
using MediBloc.Sdk.Tests.Files;

namespace MediBloc.Sdk.Core.Tests.Internal;

/// <summary>The owner-only, durable file helper shared (as linked source) by every package that writes files.</summary>
public sealed class PrivateFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-files-").FullName;

    public void Dispose()
    {
        if (!OperatingSystem.IsWindows())
        {
            // A test may leave a folder without write permission for its owner.
            foreach (var folder in Directory.EnumerateDirectories(_folder, "*", SearchOption.AllDirectories))
            {
                File.SetUnixFileMode(folder, PrivateFiles.FolderMode);
            }
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void SyncFolder_flushes_a_real_folder()
    {
        PrivateFiles.SyncFolder(_folder);
        PrivateFiles.SyncFolder(Path.GetTempPath());
    }

    [Fact]
    public void SyncFolder_of_a_missing_folder_throws_IOException_naming_it()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var missing = Path.Combine(_folder, "missing");
        var error = Assert.Throws<IOException>(() => PrivateFiles.SyncFolder(missing));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateFolder_creates_every_missing_folder_0700()
    {
        var deep = Path.Combine(_folder, "a", "b", "c");
        PrivateFiles.CreateFolder(deep);

        Assert.Equal(3, OwnerOnly.AssertTree(Path.Combine(_folder, "a")));
    }

    [Fact]
    public void WriteAtomically_writes_a_0600_file_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_folder, "secret.json");

        var result = PrivateFiles.WriteAtomically(path, overwrite: false, stream =>
        {
            stream.Write([1, 2, 3]);
            return 42;
        });

        Assert.Equal(42, result);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        OwnerOnly.AssertFile(path);
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task WriteAtomicallyAsync_replaces_a_wider_file_with_a_0600_one_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_folder, "entry.json");
        File.WriteAllText(path, "old");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)0x1B6); // 0666
        }

        await PrivateFiles.WriteAtomicallyAsync(path, new byte[] { 7 }, CancellationToken.None);

        Assert.Equal([7], File.ReadAllBytes(path));
        OwnerOnly.AssertFile(path);
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void WriteAtomically_that_fails_midway_keeps_the_old_file_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_folder, "keystore.json");
        File.WriteAllText(path, "keep me");

        Assert.Throws<InvalidOperationException>(() => PrivateFiles.WriteAtomically<int>(path, overwrite: true, stream =>
        {
            stream.Write(new byte[100_000]);
            throw new InvalidOperationException("simulated failure");
        }));

        Assert.Equal("keep me", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void WriteAtomically_without_overwrite_refuses_an_existing_file_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_folder, "keystore.json");
        File.WriteAllText(path, "keep me");

        Assert.Throws<IOException>(() => PrivateFiles.WriteAtomically(path, overwrite: false, stream =>
        {
            stream.Write([1]);
            return 0;
        }));

        Assert.Equal("keep me", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void CreateEmpty_creates_a_0600_marker_and_keeps_an_existing_one()
    {
        var path = Path.Combine(_folder, "pin");
        PrivateFiles.CreateEmpty(path);
        PrivateFiles.CreateEmpty(path);

        OwnerOnly.AssertFile(path);
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Fact]
    public void WhyNotPrivate_accepts_a_0700_folder_and_names_group_or_world_write()
    {
        var folder = Path.Combine(_folder, "outbox");
        PrivateFiles.CreateFolder(folder);
        Assert.Null(PrivateFiles.WhyNotPrivate(folder));
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(folder, PrivateFiles.FolderMode | UnixFileMode.GroupWrite | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        Assert.Contains("0770", PrivateFiles.WhyNotPrivate(folder), StringComparison.Ordinal);
        File.SetUnixFileMode(folder, PrivateFiles.FolderMode | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        Assert.Contains("writable by other users", PrivateFiles.WhyNotPrivate(folder), StringComparison.Ordinal);
    }

    [Fact]
    public void WhyNotPrivate_names_a_0700_folder_of_another_user()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Path.Combine(_folder, "planted");
        PrivateFiles.CreateFolder(folder);
        if (Environment.UserName == "root")
        {
            // As root, give the folder to "nobody"; as anyone else, the root folder is another user's.
            using var chown = System.Diagnostics.Process.Start("chown", ["65534", folder]);
            chown.WaitForExit();
            Assert.Equal(0, chown.ExitCode);
        }
        else
        {
            folder = "/";
        }

        Assert.Contains("another user", PrivateFiles.WhyNotPrivate(folder), StringComparison.Ordinal);
    }
}

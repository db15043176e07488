using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Tests.Files;

namespace MediBloc.Sdk.Tests.Outbox;

/// <summary>The outbox is private to the user: owner-only files and folders, no shared temporary folder, no folder others can write.</summary>
public sealed class FileRecordOutboxPrivacyTests : IDisposable
{
    private static readonly EvmAddress Owner = EvmAddress.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    private static readonly EvmAddress Registry = EvmAddress.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private readonly string _root = Directory.CreateTempSubdirectory("medibloc-outbox-privacy-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Every_folder_and_file_the_outbox_creates_is_owner_only_and_no_temporary_file_is_left()
    {
        var directory = Path.Combine(_root, "app", "outbox");
        var outbox = new FileRecordOutbox(directory);
        var record = Pending(1);
        var batch = new PendingBatch(Owner, PendingBatch.ComputeBatchId([Pending(2).Commitment]), 31337, Registry, [Pending(2)], DateTimeOffset.UnixEpoch);

        await outbox.SaveAsync(record, new byte[] { 1, 2, 3 });
        await outbox.SaveBatchAsync(batch, [new byte[] { 4 }]);

        // app, outbox, <owner>, batches; a record's entry and envelope, a batch's entry and envelopes.
        Assert.Equal(8, OwnerOnly.AssertTree(Path.Combine(_root, "app")));
        Assert.Empty(Directory.GetFiles(directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(0x1F8)] // 0770
    [InlineData(0x1FF)] // 0777
    [InlineData(0x1C2)] // 0702
    public async Task An_outbox_folder_other_users_can_write_is_refused_before_anything_is_read_or_written(int mode)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var directory = Path.Combine(_root, "shared");
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, (UnixFileMode)mode);
        var outbox = new FileRecordOutbox(directory);

        var write = await Assert.ThrowsAsync<StorageException>(() => outbox.SaveAsync(Pending(1), new byte[] { 1 }));
        var read = await Assert.ThrowsAsync<StorageException>(async () => await outbox.ListAsync(Owner).GetAsyncEnumerator().MoveNextAsync());

        Assert.Equal(MediBlocErrorCode.InsecureFolder, write.Code);
        Assert.Equal(MediBlocErrorCode.InsecureFolder, read.Code);
        Assert.Contains("chmod 700", write.Message, StringComparison.Ordinal);
        Assert.Contains(directory, write.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(directory));
    }

    [Fact]
    public async Task An_outbox_folder_of_another_user_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var directory = Path.Combine(_root, "planted");
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (Environment.UserName == "root")
        {
            using var chown = System.Diagnostics.Process.Start("chown", ["65534", directory]);
            await chown.WaitForExitAsync();
            Assert.Equal(0, chown.ExitCode);
        }
        else
        {
            // As anyone else, a folder of root's stands in for another user's.
            directory = "/usr";
        }

        var error = await Assert.ThrowsAsync<StorageException>(() => new FileRecordOutbox(directory).SaveAsync(Pending(1), new byte[] { 1 }));

        Assert.Equal(MediBlocErrorCode.InsecureFolder, error.Code);
        Assert.Contains("another user", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_folder_is_under_the_per_user_data_folder_and_never_the_temporary_folder()
    {
        var userData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);

        Assert.Equal(Path.Combine(userData, "MediBloc", "outbox"), FileRecordOutbox.DefaultDirectory);
        Assert.Equal(Path.Combine("/home/alice/.local/share", "MediBloc", "outbox"), FileRecordOutbox.DefaultDirectoryUnder("/home/alice/.local/share"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("relative/share")]
    public void Without_a_per_user_data_folder_the_default_outbox_is_refused_with_an_actionable_message(string? userData)
    {
        var error = Assert.Throws<StorageException>(() => FileRecordOutbox.DefaultDirectoryUnder(userData));

        Assert.Equal(MediBlocErrorCode.InsecureFolder, error.Code);
        Assert.Contains("MediBlocClientOptions.Outbox", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), error.Message, StringComparison.Ordinal);
    }

    private static PendingRecord Pending(int n) => new(
        Owner,
        Commitment.Parse("0x" + n.ToString("x64", System.Globalization.CultureInfo.InvariantCulture)),
        "application/json",
        31337,
        Registry,
        n,
        DateTimeOffset.UnixEpoch.AddSeconds(n));
}

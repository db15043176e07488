using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Storage.Replication;
using MediBloc.Sdk.Storage.Tests.ContentAddressing;
using MediBloc.Sdk.Storage.Tests.Local;
using MediBloc.Sdk.Tests.Files;

namespace MediBloc.Sdk.Storage.Tests.Replication;

/// <summary>Pending backup copies survive a crash when a journal folder is given; the same over IPFS is tested on the devnet.</summary>
public sealed class ReplicationJournalTests : IDisposable
{
    private readonly TemporaryFolder _root = new();
    private readonly LocalContentStore _primary;
    private readonly LocalContentStore _backup;
    private readonly string _journal;

    public ReplicationJournalTests()
    {
        _primary = new LocalContentStore(Path.Combine(_root.Path, "primary"));
        _backup = new LocalContentStore(Path.Combine(_root.Path, "backup"));
        _journal = Path.Combine(_root.Path, "journal");
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_new_instance_over_the_journal_finishes_the_copies_a_crashed_one_left_pending()
    {
        var data = UnixFsBuilderTests.RandomBytes(200_000, seed: 1);
        ContentId first;
        ContentId second;
        var crashed = new ReplicatingContentStore(_primary, _backup, Options(ReplicationMode.Manual));
        first = await crashed.PutAsync(new MemoryStream(data));
        second = await crashed.PutAsync(new MemoryStream([4, 5, 6]));
        Assert.Equal(2, crashed.PendingCount);
        // The process dies here: no sync, no dispose. Only the journal remembers the pending copies.

        await using var restarted = new ReplicatingContentStore(_primary, _backup, Options(ReplicationMode.Background));

        await ReplicatingContentStoreTests.WaitUntilAsync(async () => await _backup.ExistsAsync(first) && await _backup.ExistsAsync(second));
        await ReplicatingContentStoreTests.WaitUntilAsync(() => Task.FromResult(restarted.PendingCount == 0));
        Assert.Equal(data, await LocalContentStoreTests.ReadAllAsync(_backup, first));
        await ReplicatingContentStoreTests.WaitUntilAsync(() => Task.FromResult(JournaledCids().Length == 0));
    }

    [Fact]
    public async Task In_manual_mode_the_next_instance_syncs_the_journaled_objects_without_listing_the_primary()
    {
        ContentId cid;
        await using (var before = new ReplicatingContentStore(_primary, _backup, Options(ReplicationMode.Manual)))
        {
            cid = await before.PutAsync(new MemoryStream([1, 2, 3]));
        }

        Assert.Equal([cid.ToString()], JournaledCids());
        await using var after = new ReplicatingContentStore(_primary, _backup, Options(ReplicationMode.Manual));
        Assert.Equal(1, after.PendingCount);

        Assert.Equal([cid], (await after.SyncAsync()).Uploaded);
        Assert.True(await _backup.ExistsAsync(cid));
        Assert.Empty(JournaledCids());
        await using var third = new ReplicatingContentStore(_primary, _backup, Options(ReplicationMode.Manual));
        Assert.Equal(0, third.PendingCount);
    }

    [Fact]
    public async Task A_deleted_object_leaves_the_journal()
    {
        await using var store = new ReplicatingContentStore(_primary, _backup, Options(ReplicationMode.Manual));
        var cid = await store.PutAsync(new MemoryStream([7]));

        await store.DeleteAsync(cid);

        Assert.Empty(JournaledCids());
    }

    [Fact]
    public async Task The_journal_folder_and_file_are_owner_only_and_no_temporary_file_is_left()
    {
        await using var store = new ReplicatingContentStore(_primary, _backup, Options(ReplicationMode.Manual));
        await store.PutAsync(new MemoryStream([1]));
        await store.PutAsync(new MemoryStream([2]));

        Assert.Equal(2, OwnerOnly.AssertTree(_journal));
        Assert.Equal([PendingJournal.FileName], Directory.GetFiles(_journal).Select(Path.GetFileName));
        OwnerOnly.AssertTree(_primary.RootPath);
    }

    [Fact]
    public void A_journal_folder_other_users_can_write_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Directory.CreateDirectory(_journal);
        File.SetUnixFileMode(_journal, (UnixFileMode)0x1FF); // 0777

        var error = Assert.Throws<StorageException>(() => new ReplicatingContentStore(_primary, _backup, Options(ReplicationMode.Manual)));

        Assert.Equal(MediBlocErrorCode.InsecureFolder, error.Code);
        Assert.Contains("chmod 700", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_journal_is_refused_with_StorageException()
    {
        Directory.CreateDirectory(_journal);
        File.WriteAllText(Path.Combine(_journal, PendingJournal.FileName), "something else\n");

        var error = Assert.Throws<StorageException>(() => new ReplicatingContentStore(_primary, _backup, Options(ReplicationMode.Manual)));
        Assert.Contains("move it aside", error.Message, StringComparison.Ordinal);
    }

    private ReplicatingContentStoreOptions Options(ReplicationMode mode) => new()
    {
        Mode = mode,
        JournalDirectory = _journal,
        RetryDelay = TimeSpan.FromMilliseconds(50),
    };

    private string[] JournaledCids() => File.ReadAllLines(Path.Combine(_journal, PendingJournal.FileName)).Skip(1).Where(l => l.Length > 0).ToArray();
}

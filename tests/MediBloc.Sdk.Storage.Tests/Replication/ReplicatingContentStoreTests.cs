using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Storage.Replication;
using MediBloc.Sdk.Storage.Tests.ContentAddressing;
using MediBloc.Sdk.Storage.Tests.Local;

namespace MediBloc.Sdk.Storage.Tests.Replication;

/// <summary>The replication logic over two device stores; the same behaviour with an IPFS backup is tested on the devnet.</summary>
public sealed class ReplicatingContentStoreTests : IDisposable
{
    private readonly TemporaryFolder _primaryFolder = new();
    private readonly TemporaryFolder _backupFolder = new();
    private readonly LocalContentStore _primary;
    private readonly LocalContentStore _backup;

    public ReplicatingContentStoreTests()
    {
        _primary = new LocalContentStore(_primaryFolder.Path);
        _backup = new LocalContentStore(_backupFolder.Path);
    }

    public void Dispose()
    {
        _primaryFolder.Dispose();
        _backupFolder.Dispose();
    }

    [Fact]
    public async Task In_manual_mode_a_put_lands_in_the_primary_only_until_SyncAsync()
    {
        await using var store = new ReplicatingContentStore(_primary, _backup, new ReplicatingContentStoreOptions { Mode = ReplicationMode.Manual });
        var data = UnixFsBuilderTests.RandomBytes(300_000, seed: 1);

        var cid = await store.PutAsync(new MemoryStream(data));

        Assert.True(await _primary.ExistsAsync(cid));
        Assert.False(await _backup.ExistsAsync(cid));
        Assert.Equal(1, store.PendingCount);
        var sync = await store.SyncAsync();
        Assert.Equal([cid], sync.Uploaded);
        Assert.Equal(0, store.PendingCount);
        Assert.Equal(data, await LocalContentStoreTests.ReadAllAsync(_backup, cid));
        var again = await store.SyncAsync();
        Assert.Empty(again.Uploaded);
        Assert.Equal(1, again.AlreadyReplicatedCount);
    }

    [Fact]
    public async Task SyncAsync_also_copies_objects_stored_in_the_primary_before_this_instance()
    {
        var earlier = await _primary.PutAsync(new MemoryStream([1, 2, 3]));
        await using var store = new ReplicatingContentStore(_primary, _backup, new ReplicatingContentStoreOptions { Mode = ReplicationMode.Manual });

        Assert.Equal([earlier], (await store.SyncAsync()).Uploaded);
        Assert.True(await _backup.ExistsAsync(earlier));
    }

    [Fact]
    public async Task In_background_mode_a_put_reaches_the_backup_without_a_sync()
    {
        await using var store = new ReplicatingContentStore(_primary, _backup);
        var cid = await store.PutAsync(new MemoryStream(UnixFsBuilderTests.RandomBytes(50_000, seed: 2)));

        await WaitUntilAsync(() => _backup.ExistsAsync(cid));
        await WaitUntilAsync(() => Task.FromResult(store.PendingCount == 0));
    }

    [Fact]
    public async Task A_read_of_a_corrupt_primary_copy_returns_the_right_bytes_and_repairs_the_copy()
    {
        await using var store = new ReplicatingContentStore(_primary, _backup, new ReplicatingContentStoreOptions { Mode = ReplicationMode.Manual });
        var data = UnixFsBuilderTests.RandomBytes(400_000, seed: 3);
        var cid = await store.PutAsync(new MemoryStream(data));
        await store.SyncAsync();
        CorruptOnDisk(_primaryFolder.Path, cid);

        Assert.Equal(data, await LocalContentStoreTests.ReadAllAsync(store, cid));
        Assert.Equal(data, await LocalContentStoreTests.ReadAllAsync(_primary, cid));
    }

    [Fact]
    public async Task A_read_missing_in_the_primary_falls_back_to_the_backup_and_restores_the_copy()
    {
        await using var store = new ReplicatingContentStore(_primary, _backup, new ReplicatingContentStoreOptions { Mode = ReplicationMode.Manual, VerifyBeforeRead = false });
        var data = UnixFsBuilderTests.RandomBytes(10_000, seed: 4);
        var cid = await _backup.PutAsync(new MemoryStream(data));

        Assert.Equal(data, await LocalContentStoreTests.ReadAllAsync(store, cid));
        Assert.True(await _primary.ExistsAsync(cid));
    }

    [Fact]
    public async Task A_corrupt_primary_copy_without_a_backup_gives_IntegrityException()
    {
        await using var store = new ReplicatingContentStore(_primary, _backup, new ReplicatingContentStoreOptions { Mode = ReplicationMode.Manual });
        var cid = await store.PutAsync(new MemoryStream(UnixFsBuilderTests.RandomBytes(10_000, seed: 5)));
        CorruptOnDisk(_primaryFolder.Path, cid);

        var error = await Assert.ThrowsAsync<IntegrityException>(() => store.OpenReadAsync(cid));
        Assert.Equal(IntegrityCheck.Cid, error.Check);
        var missing = UnixFsBuilder.Compute([9, 9], UnixFsOptions.CidV1RawLeaves);
        await Assert.ThrowsAsync<NotFoundException>(() => store.OpenReadAsync(missing));
    }

    [Fact]
    public async Task VerifyAllAsync_reports_missing_and_corrupt_copies_per_store_and_repairs_them()
    {
        await using var store = new ReplicatingContentStore(_primary, _backup, new ReplicatingContentStoreOptions { Mode = ReplicationMode.Manual });
        var good = await store.PutAsync(new MemoryStream(UnixFsBuilderTests.RandomBytes(20_000, seed: 6)));
        var corruptHere = await store.PutAsync(new MemoryStream(UnixFsBuilderTests.RandomBytes(20_000, seed: 7)));
        var corruptThere = await store.PutAsync(new MemoryStream(UnixFsBuilderTests.RandomBytes(20_000, seed: 8)));
        await store.SyncAsync();
        var notBackedUp = await store.PutAsync(new MemoryStream(UnixFsBuilderTests.RandomBytes(20_000, seed: 9)));
        var onlyInBackup = await _backup.PutAsync(new MemoryStream(UnixFsBuilderTests.RandomBytes(20_000, seed: 10)));
        CorruptOnDisk(_primaryFolder.Path, corruptHere);
        CorruptOnDisk(_backupFolder.Path, corruptThere);

        var report = await store.VerifyAllAsync([good, corruptHere, corruptThere, notBackedUp, onlyInBackup]);

        Assert.Equal(5, report.CheckedCount);
        Assert.False(report.IsHealthy);
        Assert.Equal(
            [new(corruptHere, ReplicaRole.Primary, ReplicaProblemKind.Corrupt, false), new(onlyInBackup, ReplicaRole.Primary, ReplicaProblemKind.Missing, false)],
            report.ProblemsIn(ReplicaRole.Primary));
        Assert.Equal(
            [new(corruptThere, ReplicaRole.Backup, ReplicaProblemKind.Corrupt, false), new(notBackedUp, ReplicaRole.Backup, ReplicaProblemKind.Missing, false)],
            report.ProblemsIn(ReplicaRole.Backup));
        Assert.Empty(report.Lost);

        var repaired = await store.VerifyAllAsync([good, corruptHere, corruptThere, notBackedUp, onlyInBackup], repair: true);
        Assert.True(repaired.IsHealthy);
        Assert.Equal(4, repaired.Problems.Count);
        var after = await store.VerifyAllAsync([good, corruptHere, corruptThere, notBackedUp, onlyInBackup]);
        Assert.Empty(after.Problems);
    }

    [Fact]
    public async Task VerifyAllAsync_without_CIDs_checks_every_primary_object_and_names_the_lost_ones()
    {
        await using var store = new ReplicatingContentStore(_primary, _backup, new ReplicatingContentStoreOptions { Mode = ReplicationMode.Manual });
        var lost = await store.PutAsync(new MemoryStream(UnixFsBuilderTests.RandomBytes(5_000, seed: 11)));
        var fine = await store.PutAsync(new MemoryStream(UnixFsBuilderTests.RandomBytes(5_000, seed: 12)));
        await store.SyncAsync();
        CorruptOnDisk(_primaryFolder.Path, lost);
        CorruptOnDisk(_backupFolder.Path, lost);

        var report = await store.VerifyAllAsync(repair: true);

        Assert.Equal(2, report.CheckedCount);
        Assert.Equal([lost], report.Lost);
        Assert.False(report.IsHealthy);
        Assert.DoesNotContain(report.Problems, p => p.Cid == fine);
    }

    [Fact]
    public async Task RestoreAsync_rebuilds_a_wiped_device_from_the_backup_given_the_anchored_CIDs()
    {
        var inputs = Enumerable.Range(0, 4).Select(i => UnixFsBuilderTests.RandomBytes(30_000 + i, seed: 20 + i)).ToArray();
        var cids = new List<ContentId>();
        await using (var before = new ReplicatingContentStore(_primary, _backup, new ReplicatingContentStoreOptions { Mode = ReplicationMode.Manual }))
        {
            foreach (var data in inputs)
            {
                cids.Add(await before.PutAsync(new MemoryStream(data)));
            }

            await before.SyncAsync();
        }

        using var newDevice = new TemporaryFolder();
        var fresh = new LocalContentStore(newDevice.Path);
        await fresh.PutAsync(new MemoryStream(inputs[0]));
        var neverStored = UnixFsBuilder.Compute([7, 7, 7], UnixFsOptions.CidV1RawLeaves);
        await using var after = new ReplicatingContentStore(fresh, _backup, new ReplicatingContentStoreOptions { Mode = ReplicationMode.Manual });

        var result = await after.RestoreAsync([.. cids, neverStored]);

        Assert.Equal(cids[1..], result.Restored);
        Assert.Equal([cids[0]], result.AlreadyPresent);
        Assert.Equal([neverStored], result.Unrecoverable);
        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(inputs[i], await LocalContentStoreTests.ReadAllAsync(fresh, cids[i]));
        }
    }

    [Fact]
    public void Stores_naming_objects_differently_are_refused()
    {
        using var other = new TemporaryFolder();
        var v0Backup = new LocalContentStore(other.Path, new LocalContentStoreOptions { Format = UnixFsOptions.IpfsAddDefault });

        var error = Assert.Throws<ArgumentException>(() => new ReplicatingContentStore(_primary, v0Backup));
        Assert.Contains("format", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_removes_both_copies()
    {
        await using var store = new ReplicatingContentStore(_primary, _backup, new ReplicatingContentStoreOptions { Mode = ReplicationMode.Manual });
        var cid = await store.PutAsync(new MemoryStream([5]));
        await store.SyncAsync();

        Assert.True(await store.DeleteAsync(cid));

        Assert.False(await store.ExistsAsync(cid));
        Assert.False(await store.DeleteAsync(cid));
    }

    internal static void CorruptOnDisk(string root, ContentId cid)
    {
        var name = cid.ToString();
        var path = Path.Combine(root, "objects", name[^3..^1], name);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x80;
        File.WriteAllBytes(path, bytes);
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            await Task.Delay(50, limit.Token);
        }
    }
}

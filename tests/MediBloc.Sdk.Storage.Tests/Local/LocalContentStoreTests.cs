using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Storage.Tests.ContentAddressing;

namespace MediBloc.Sdk.Storage.Tests.Local;

public sealed class LocalContentStoreTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Put_names_the_object_with_the_CID_ipfs_add_cid_version_1_gives_and_reads_it_back()
    {
        var store = new LocalContentStore(_folder.Path);
        var data = UnixFsBuilderTests.RandomBytes(700_000, seed: 1);

        var cid = await store.PutAsync(new MemoryStream(data));

        Assert.Equal(UnixFsBuilder.Compute(data, UnixFsOptions.CidV1RawLeaves), cid);
        Assert.Equal(data, await ReadAllAsync(store, cid));
        Assert.Equal(new ContentInfo(cid, data.Length, false), await store.GetInfoAsync(cid));
    }

    [Fact]
    public async Task Objects_lie_in_shards_named_by_the_next_to_last_two_characters_of_their_name()
    {
        var store = new LocalContentStore(_folder.Path);
        var cid = await store.PutAsync(new MemoryStream([1, 2, 3]));

        var name = cid.ToString();
        var path = Path.Combine(_folder.Path, "objects", name[^3..^1], name);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task A_CIDv0_store_uses_case_safe_file_names_and_lists_CIDv0()
    {
        var store = new LocalContentStore(_folder.Path, new LocalContentStoreOptions { Format = UnixFsOptions.IpfsAddDefault });
        var cid = await store.PutAsync(new MemoryStream("hello\n"u8.ToArray()));

        Assert.Equal(ContentId.Parse("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN"), cid);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(_folder.Path, "objects"), "*", SearchOption.AllDirectories));
        Assert.Equal(Path.GetFileName(file), Path.GetFileName(file).ToLowerInvariant());
        Assert.Equal([cid], await store.ListAsync().ToListAsync());
        Assert.Equal("hello\n"u8.ToArray(), await ReadAllAsync(store, cid));
    }

    [Fact]
    public async Task A_source_failing_mid_write_leaves_no_object_and_no_temporary_file()
    {
        var store = new LocalContentStore(_folder.Path);
        var data = UnixFsBuilderTests.RandomBytes(600_000, seed: 2);

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync(new FailingStream(data, failAfter: 300_000)));

        Assert.Empty(await store.ListAsync().ToListAsync());
        Assert.False(await store.ExistsAsync(UnixFsBuilder.Compute(data, UnixFsOptions.CidV1RawLeaves)));
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder.Path, "tmp")));
        Assert.Equal(0, (await store.GetUsageAsync()).UsedBytes);
    }

    [Fact]
    public async Task A_put_cancelled_mid_write_leaves_no_object()
    {
        var store = new LocalContentStore(_folder.Path);
        var source = new FailingStream(UnixFsBuilderTests.RandomBytes(600_000, seed: 3), failAfter: 400_000, waitForCancellation: true);
        using var cancel = new CancellationTokenSource();

        var put = store.PutAsync(source, cancel.Token);
        await source.Reached.Task;
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => put);
        Assert.Empty(await store.ListAsync().ToListAsync());
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder.Path, "tmp")));
    }

    [Fact]
    public async Task A_killed_writers_temporary_file_is_never_visible_and_is_removed_once_stale()
    {
        var store = new LocalContentStore(_folder.Path);
        var data = UnixFsBuilderTests.RandomBytes(500_000, seed: 4);
        var cid = UnixFsBuilder.Compute(data, UnixFsOptions.CidV1RawLeaves);

        // What a writer killed before its rename leaves: part of the bytes under a temporary name.
        var leftover = Path.Combine(_folder.Path, "tmp", Guid.NewGuid().ToString("N") + ".tmp");
        await File.WriteAllBytesAsync(leftover, data.AsMemory(0, 200_000).ToArray());

        Assert.False(await store.ExistsAsync(cid));
        Assert.Empty(await store.ListAsync().ToListAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => store.OpenReadAsync(cid));

        _ = new LocalContentStore(_folder.Path);
        Assert.True(File.Exists(leftover), "A fresh temporary file may belong to a live writer.");
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddHours(-2));
        _ = new LocalContentStore(_folder.Path);
        Assert.False(File.Exists(leftover));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("extend")]
    public async Task Bytes_changed_on_disk_give_IntegrityException_while_reading(string damage)
    {
        var store = new LocalContentStore(_folder.Path);
        var data = UnixFsBuilderTests.RandomBytes(300_000, seed: 5);
        var cid = await store.PutAsync(new MemoryStream(data));
        var path = ObjectPath(cid);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes = damage switch
        {
            "flip" => Flip(bytes, 123_456),
            "truncate" => bytes[..^1],
            _ => [.. bytes, 0],
        };
        await File.WriteAllBytesAsync(path, bytes);

        await using var read = await store.OpenReadAsync(cid);
        var error = await Assert.ThrowsAsync<IntegrityException>(() => read.CopyToAsync(Stream.Null));
        Assert.Equal(IntegrityCheck.Cid, error.Check);
        Assert.Equal(cid.ToString(), error.Cid);
    }

    [Fact]
    public async Task Putting_an_object_again_heals_a_corrupted_copy_without_charging_twice()
    {
        var store = new LocalContentStore(_folder.Path);
        var data = UnixFsBuilderTests.RandomBytes(100_000, seed: 6);
        var cid = await store.PutAsync(new MemoryStream(data));
        await File.WriteAllBytesAsync(ObjectPath(cid), Flip(data, 5));

        Assert.Equal(cid, await store.PutAsync(new MemoryStream(data)));

        Assert.Equal(data, await ReadAllAsync(store, cid));
        Assert.Equal(new StorageUsage(data.Length, LocalContentStoreOptions.FreeQuotaBytes, 1), await store.GetUsageAsync());
    }

    [Fact]
    public async Task Concurrent_writers_of_the_same_and_of_different_objects_leave_every_object_whole()
    {
        var first = new LocalContentStore(_folder.Path);
        var second = new LocalContentStore(_folder.Path);
        var shared = UnixFsBuilderTests.RandomBytes(400_000, seed: 7);
        var inputs = Enumerable.Range(0, 24)
            .Select(i => i % 2 == 0 ? shared : UnixFsBuilderTests.RandomBytes(50_000 + i * 1000, seed: 100 + i))
            .ToArray();

        var cids = await Task.WhenAll(inputs.Select((data, i) => Task.Run(() => (i % 3 == 0 ? second : first).PutAsync(new MemoryStream(data)))));

        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(UnixFsBuilder.Compute(inputs[i], UnixFsOptions.CidV1RawLeaves), cids[i]);
            Assert.Equal(inputs[i], await ReadAllAsync(first, cids[i]));
        }

        Assert.Equal(13, (await first.ListAsync().ToListAsync()).Count);
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder.Path, "tmp")));
        var expected = inputs.Distinct().Sum(d => (long)d.Length);
        Assert.Equal(expected, (await new LocalContentStore(_folder.Path).GetUsageAsync()).UsedBytes);
    }

    [Fact]
    public async Task Reads_while_the_same_object_is_rewritten_always_see_whole_verified_bytes()
    {
        var store = new LocalContentStore(_folder.Path);
        var data = UnixFsBuilderTests.RandomBytes(1_000_000, seed: 8);
        var cid = await store.PutAsync(new MemoryStream(data));

        var writers = Enumerable.Range(0, 6).Select(_ => Task.Run(() => store.PutAsync(new MemoryStream(data))));
        var readers = Enumerable.Range(0, 6).Select(_ => Task.Run(() => ReadAllAsync(store, cid)));
        await Task.WhenAll(writers);

        foreach (var read in await Task.WhenAll(readers))
        {
            Assert.Equal(data, read);
        }
    }

    [Fact]
    public async Task The_default_quota_is_1_GB_per_owner()
    {
        var usage = await new LocalContentStore(_folder.Path).GetUsageAsync();

        Assert.Equal(new StorageUsage(0, 1_000_000_000, 0), usage);
        Assert.Equal(1_000_000_000, usage.AvailableBytes);
    }

    [Fact]
    public async Task An_object_beyond_the_quota_gives_QuotaExceededException_and_stores_nothing()
    {
        var store = new LocalContentStore(_folder.Path, new LocalContentStoreOptions { DefaultQuotaBytes = 1_000_000 });
        await store.PutAsync(new MemoryStream(UnixFsBuilderTests.RandomBytes(600_000, seed: 9)));
        var tooBig = UnixFsBuilderTests.RandomBytes(500_000, seed: 10);

        var error = await Assert.ThrowsAsync<QuotaExceededException>(() => store.PutAsync(new MemoryStream(tooBig)));

        Assert.Equal(MediBlocErrorCode.QuotaExceeded, error.Code);
        Assert.Contains("quota", error.Message, StringComparison.Ordinal);
        Assert.False(await store.ExistsAsync(UnixFsBuilder.Compute(tooBig, UnixFsOptions.CidV1RawLeaves)));
        Assert.Single(await store.ListAsync().ToListAsync());
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder.Path, "tmp")));
        Assert.Equal(600_000, (await store.GetUsageAsync()).UsedBytes);
    }

    [Fact]
    public async Task An_object_the_owner_already_holds_is_accepted_even_at_a_full_quota()
    {
        var store = new LocalContentStore(_folder.Path, new LocalContentStoreOptions { DefaultQuotaBytes = 600_000 });
        var data = UnixFsBuilderTests.RandomBytes(500_000, seed: 11);
        var cid = await store.PutAsync(new MemoryStream(data));

        Assert.Equal(cid, await store.PutAsync(new MemoryStream(data)));
        Assert.Equal(500_000, (await store.GetUsageAsync()).UsedBytes);
    }

    [Fact]
    public async Task Owners_are_charged_separately_and_each_once_per_object()
    {
        var device = new LocalContentStore(_folder.Path, new LocalContentStoreOptions { DefaultQuotaBytes = 1_000_000 });
        var alice = device.ForOwner("0xAbC0000000000000000000000000000000000001");
        var bob = device.ForOwner("0xbbb0000000000000000000000000000000000002");
        var data = UnixFsBuilderTests.RandomBytes(700_000, seed: 12);

        await alice.PutAsync(new MemoryStream(data));
        await bob.PutAsync(new MemoryStream(data));
        await Assert.ThrowsAsync<QuotaExceededException>(() => alice.PutAsync(new MemoryStream(UnixFsBuilderTests.RandomBytes(400_000, seed: 13))));
        await device.ForOwner("0xABC0000000000000000000000000000000000001").PutAsync(new MemoryStream(data));

        Assert.Equal(700_000, (await alice.GetUsageAsync()).UsedBytes);
        Assert.Equal(700_000, (await bob.GetUsageAsync()).UsedBytes);
        Assert.Equal(0, (await device.GetUsageAsync()).UsedBytes);
        Assert.Single(await device.ListAsync().ToListAsync());
    }

    [Fact]
    public async Task Quotas_and_usage_survive_reopening_the_folder_and_delete_frees_the_charge()
    {
        var store = new LocalContentStore(_folder.Path).ForOwner("patient");
        await store.SetQuotaAsync(2_000_000);
        var cid = await store.PutAsync(new MemoryStream(UnixFsBuilderTests.RandomBytes(1_500_000, seed: 14)));

        var reopened = new LocalContentStore(_folder.Path).ForOwner("patient");
        Assert.Equal(new StorageUsage(1_500_000, 2_000_000, 1), await reopened.GetUsageAsync());
        Assert.True(await reopened.DeleteAsync(cid));
        Assert.False(await reopened.DeleteAsync(cid));

        Assert.Equal(new StorageUsage(0, 2_000_000, 0), await reopened.GetUsageAsync());
        Assert.Equal(0, (await new LocalContentStore(_folder.Path).ForOwner("patient").GetUsageAsync()).UsedBytes);
    }

    [Fact]
    public async Task Pins_are_kept_per_object_and_need_the_object()
    {
        var store = new LocalContentStore(_folder.Path);
        var cid = await store.PutAsync(new MemoryStream([42]));
        var missing = UnixFsBuilder.Compute([43], UnixFsOptions.CidV1RawLeaves);

        await store.PinAsync(cid);
        Assert.True((await store.GetInfoAsync(cid)).IsPinned);
        await store.UnpinAsync(cid);
        await store.UnpinAsync(cid);
        Assert.False((await store.GetInfoAsync(cid)).IsPinned);
        var error = await Assert.ThrowsAsync<NotFoundException>(() => store.PinAsync(missing));
        Assert.Equal(missing.ToString(), error.Cid);
        await Assert.ThrowsAsync<NotFoundException>(() => store.GetInfoAsync(missing));
    }

    [Fact]
    public void A_folder_that_cannot_be_created_gives_StorageException_naming_it()
    {
        var file = Path.Combine(_folder.Path, "a-file");
        File.WriteAllBytes(file, [1]);

        var error = Assert.Throws<StorageException>(() => new LocalContentStore(Path.Combine(file, "store")));
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    private string ObjectPath(ContentId cid)
    {
        var name = cid.ToString();
        return Path.Combine(_folder.Path, "objects", name[^3..^1], name);
    }

    private static byte[] Flip(byte[] data, int index)
    {
        var copy = data.ToArray();
        copy[index] ^= 0x01;
        return copy;
    }

    internal static async Task<byte[]> ReadAllAsync(IContentStore store, ContentId cid)
    {
        await using var stream = await store.OpenReadAsync(cid);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

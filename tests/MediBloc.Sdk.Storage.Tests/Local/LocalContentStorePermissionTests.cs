using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Storage.Tests.ContentAddressing;
using MediBloc.Sdk.Tests.Files;

namespace MediBloc.Sdk.Storage.Tests.Local;

/// <summary>Everything the device store creates is private to the user (0700 folders, 0600 files on Unix).</summary>
public sealed class LocalContentStorePermissionTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_folder_and_file_the_store_creates_is_owner_only()
    {
        // The store's folder and its parent do not exist yet: the store creates both.
        var root = Path.Combine(_folder.Path, "device", "store");
        var store = new LocalContentStore(root);
        var cid = await store.PutAsync(new MemoryStream(UnixFsBuilderTests.RandomBytes(300_000, seed: 1)));
        await store.PinAsync(cid);
        await store.SetQuotaAsync(5_000_000);
        var patient = store.ForOwner("0x00000000000000000000000000000000000000aa");
        await patient.PutAsync(new MemoryStream([1, 2, 3]));
        await patient.SetQuotaAsync(1_000);

        // device, store, objects, tmp, pins, owners, two shards, two accounts; two objects, a pin, two charges, two quotas.
        Assert.Equal(17, OwnerOnly.AssertTree(Path.Combine(_folder.Path, "device")));
    }

    [Fact]
    public async Task A_put_without_flushing_is_owner_only_too()
    {
        var root = Path.Combine(_folder.Path, "cache");
        var store = new LocalContentStore(root, new LocalContentStoreOptions { FlushToDisk = false });
        await store.PutAsync(new MemoryStream([9]));

        OwnerOnly.AssertTree(root);
        Assert.Empty(Directory.GetFiles(Path.Combine(root, "tmp")));
    }

    [Fact]
    public async Task Delete_of_an_object_whose_shard_was_never_created_returns_false()
    {
        var store = new LocalContentStore(Path.Combine(_folder.Path, "empty"));

        Assert.False(await store.DeleteAsync(UnixFsBuilder.Compute([1, 2, 3], UnixFsOptions.CidV1RawLeaves)));
    }
}

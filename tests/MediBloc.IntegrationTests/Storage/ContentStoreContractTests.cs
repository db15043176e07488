using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Storage.Replication;

namespace MediBloc.IntegrationTests.Storage;

/// <summary>What every <see cref="IContentStore"/> promises, run over each implementation (the IPFS ones on the devnet's node).</summary>
[Collection(DevnetCollection.Name)]
public sealed class ContentStoreContractTests(DevnetFixture fixture) : IAsyncLifetime
{
    private readonly List<string> _folders = [];
    private readonly List<IAsyncDisposable> _disposables = [];

    public static TheoryData<string> Stores => ["local", "ipfs", "replicating"];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            await disposable.DisposeAsync();
        }

        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Put_returns_the_ipfs_add_cid_version_1_CID_and_the_bytes_read_back_equal_the_input(string kind)
    {
        var store = Create(kind);
        foreach (var size in new[] { 0, 1, 262_145, 1_000_000 })
        {
            var data = KuboRpcClientTests.Bytes(size, seed: 500 + size);

            var cid = await store.PutAsync(new MemoryStream(data));

            Assert.Equal(UnixFsBuilder.Compute(data, UnixFsOptions.CidV1RawLeaves), cid);
            Assert.Equal(data, await ReadAllAsync(store, cid));
            Assert.True(await store.ExistsAsync(cid));
            Assert.Equal(size, (await store.GetInfoAsync(cid)).Size);
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_stored_object_is_listed_and_a_deleted_one_is_not(string kind)
    {
        var store = Create(kind);
        var cid = await store.PutAsync(new MemoryStream(KuboRpcClientTests.Bytes(3000, seed: Environment.TickCount)));

        Assert.Contains(cid, await store.ListAsync().ToListAsync());
        Assert.True(await store.DeleteAsync(cid));
        Assert.False(await store.DeleteAsync(cid));
        Assert.DoesNotContain(cid, await store.ListAsync().ToListAsync());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Pin_and_unpin_show_in_the_object_information(string kind)
    {
        var store = Create(kind);
        var cid = await store.PutAsync(new MemoryStream(KuboRpcClientTests.Bytes(2000, seed: 77)));

        await store.PinAsync(cid);
        Assert.True((await store.GetInfoAsync(cid)).IsPinned);
        await store.UnpinAsync(cid);
        await store.UnpinAsync(cid);
        Assert.False((await store.GetInfoAsync(cid)).IsPinned);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_missing_object_gives_NotFoundException_and_Exists_false(string kind)
    {
        var store = Create(kind);
        var missing = UnixFsBuilder.Compute(KuboRpcClientTests.Bytes(64, seed: Environment.TickCount), UnixFsOptions.CidV1RawLeaves);

        Assert.False(await store.ExistsAsync(missing));
        var error = await Assert.ThrowsAsync<NotFoundException>(() => store.OpenReadAsync(missing));
        Assert.Equal(missing.ToString(), error.Cid);
        await Assert.ThrowsAsync<NotFoundException>(() => store.GetInfoAsync(missing));
        await Assert.ThrowsAsync<NotFoundException>(() => store.PinAsync(missing));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Concurrent_puts_and_reads_all_return_whole_verified_objects(string kind)
    {
        var store = Create(kind);
        var inputs = Enumerable.Range(0, 12).Select(i => KuboRpcClientTests.Bytes(40_000 + (i % 4) * 100_000, seed: 900 + (i % 6))).ToArray();

        var cids = await Task.WhenAll(inputs.Select(data => Task.Run(() => store.PutAsync(new MemoryStream(data)))));
        var reads = await Task.WhenAll(cids.Select(cid => Task.Run(() => ReadAllAsync(store, cid))));

        Assert.Equal(inputs, reads);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_cancelled_token_cancels_put_and_read(string kind)
    {
        var store = Create(kind);
        var cid = await store.PutAsync(new MemoryStream([1, 2, 3]));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.PutAsync(new MemoryStream([4, 5, 6]), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.OpenReadAsync(cid, cancelled.Token));
    }

    private IContentStore Create(string kind)
    {
        var ipfs = new IpfsContentStore(new KuboRpcClient(fixture.Devnet.IpfsApiUrl, new KuboRpcClientOptions { LookupTimeout = TimeSpan.FromSeconds(1) }));
        switch (kind)
        {
            case "ipfs":
                return ipfs;
            case "local":
                return new LocalContentStore(NewFolder());
            default:
                var replicating = new ReplicatingContentStore(new LocalContentStore(NewFolder()), ipfs);
                _disposables.Add(replicating);
                return replicating;
        }
    }

    private string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "medibloc-contract-" + Guid.NewGuid().ToString("N"));
        _folders.Add(folder);
        return folder;
    }

    internal static async Task<byte[]> ReadAllAsync(IContentStore store, ContentId cid)
    {
        await using var stream = await store.OpenReadAsync(cid);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

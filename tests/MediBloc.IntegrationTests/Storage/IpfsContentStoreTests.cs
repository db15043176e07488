using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;

namespace MediBloc.IntegrationTests.Storage;

[Collection(DevnetCollection.Name)]
public sealed class IpfsContentStoreTests(DevnetFixture fixture)
{
    [Fact]
    public async Task Put_then_open_returns_the_bytes_under_the_CIDv1_raw_leaves_CID()
    {
        var store = new IpfsContentStore(new KuboRpcClient(fixture.Devnet.IpfsApiUrl));
        var data = KuboRpcClientTests.Bytes(900_000, seed: 21);

        var cid = await store.PutAsync(new MemoryStream(data));

        Assert.Equal(UnixFsBuilder.Compute(data, UnixFsOptions.CidV1RawLeaves), cid);
        Assert.StartsWith("bafy", cid.ToString(), StringComparison.Ordinal);
        await using var read = await store.OpenReadAsync(cid);
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());
        var info = await store.GetInfoAsync(cid);
        Assert.Equal(data.Length, info.Size);
        Assert.True(info.IsPinned);
        Assert.True(await store.ExistsAsync(cid));
        Assert.Contains(cid, await store.ListAsync().ToListAsync());
    }

    [Fact]
    public async Task A_node_returning_other_bytes_for_a_CID_gives_IntegrityException_while_streaming()
    {
        var client = new KuboRpcClient(fixture.Devnet.IpfsApiUrl);
        var store = new IpfsContentStore(client);
        var real = KuboRpcClientTests.Bytes(5000, seed: 31);
        var other = KuboRpcClientTests.Bytes(5000, seed: 32);
        var otherCid = await store.PutAsync(new MemoryStream(other));

        // Ask for one CID, get another object's bytes: what a lying or corrupted node would do.
        var lying = new RedirectingClient(client, from: UnixFsBuilder.Compute(real, UnixFsOptions.CidV1RawLeaves), to: otherCid);
        var wrong = new IpfsContentStore(lying);
        await using var read = await wrong.OpenReadAsync(lying.From);
        var error = await Assert.ThrowsAsync<IntegrityException>(() => read.CopyToAsync(Stream.Null));
        Assert.Equal(IntegrityCheck.Cid, error.Check);
        Assert.Equal(lying.From.ToString(), error.Cid);
    }

    [Fact]
    public async Task Pin_unpin_and_delete_follow_the_node()
    {
        var store = new IpfsContentStore(new KuboRpcClient(fixture.Devnet.IpfsApiUrl));
        var cid = await store.PutAsync(new MemoryStream(KuboRpcClientTests.Bytes(1234, seed: 41)));

        await store.UnpinAsync(cid);
        Assert.False((await store.GetInfoAsync(cid)).IsPinned);
        await store.UnpinAsync(cid);
        await store.PinAsync(cid);
        Assert.True((await store.GetInfoAsync(cid)).IsPinned);
        Assert.True(await store.DeleteAsync(cid));
        Assert.False(await store.DeleteAsync(cid));
        Assert.DoesNotContain(cid, await store.ListAsync().ToListAsync());
    }

    [Fact]
    public async Task Missing_content_gives_NotFoundException_and_Exists_false()
    {
        var store = new IpfsContentStore(new KuboRpcClient(fixture.Devnet.IpfsApiUrl, new KuboRpcClientOptions { LookupTimeout = TimeSpan.FromSeconds(1) }));
        var missing = UnixFsBuilder.Compute(KuboRpcClientTests.Bytes(99, seed: Environment.TickCount), UnixFsOptions.CidV1RawLeaves);

        Assert.False(await store.ExistsAsync(missing));
        await Assert.ThrowsAsync<NotFoundException>(() => store.OpenReadAsync(missing));
        await Assert.ThrowsAsync<NotFoundException>(() => store.PinAsync(missing));
    }

    /// <summary>A client that serves another CID's content for one CID, over the real node.</summary>
    private sealed class RedirectingClient(KuboRpcClient inner, ContentId from, ContentId to) : KuboRpcClient(inner.Endpoint)
    {
        public ContentId From => from;

        public override Task<Stream> CatAsync(ContentId cid, CancellationToken cancellationToken = default) =>
            base.CatAsync(cid == from ? to : cid, cancellationToken);
    }
}

using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;

namespace MediBloc.IntegrationTests.Storage;

/// <summary>Many objects in one <c>ipfs add</c> request on the real IPFS node, each under the CID a single put gives.</summary>
[Collection(DevnetCollection.Name)]
public sealed class IpfsPutManyTests(DevnetFixture fixture)
{
    [Fact]
    public async Task Put_many_stores_each_object_pinned_under_its_own_CID_in_the_order_given()
    {
        var store = new IpfsContentStore(new KuboRpcClient(fixture.Devnet.IpfsApiUrl));
        // Small ones (one raw block), one of several chunks, an empty one, and a duplicate.
        var objects = new List<ReadOnlyMemory<byte>>
        {
            KuboRpcClientTests.Bytes(2_000, seed: 31),
            KuboRpcClientTests.Bytes(600_000, seed: 32),
            Array.Empty<byte>(),
            KuboRpcClientTests.Bytes(5, seed: 33),
            KuboRpcClientTests.Bytes(2_000, seed: 31),
        };

        var cids = await store.PutManyAsync(objects);

        Assert.Equal(objects.Select(o => UnixFsBuilder.Compute(o.Span, UnixFsOptions.CidV1RawLeaves)), cids);
        for (var i = 0; i < objects.Count; i++)
        {
            await using var read = await store.OpenReadAsync(cids[i]);
            var copy = new MemoryStream();
            await read.CopyToAsync(copy);
            Assert.Equal(objects[i].ToArray(), copy.ToArray());
            Assert.True((await store.GetInfoAsync(cids[i])).IsPinned);
        }
        Assert.Empty(await store.PutManyAsync([]));
    }

    [Fact]
    public async Task The_default_put_many_of_a_store_of_your_own_puts_one_by_one()
    {
        IContentStore store = new OnlyPuts(new IpfsContentStore(new KuboRpcClient(fixture.Devnet.IpfsApiUrl)));
        ReadOnlyMemory<byte> a = KuboRpcClientTests.Bytes(100, seed: 41);
        ReadOnlyMemory<byte> b = KuboRpcClientTests.Bytes(200, seed: 42);

        var cids = await store.PutManyAsync([a, b]);

        Assert.Equal([UnixFsBuilder.Compute(a.Span, UnixFsOptions.CidV1RawLeaves), UnixFsBuilder.Compute(b.Span, UnixFsOptions.CidV1RawLeaves)], cids);
        Assert.Equal(2, ((OnlyPuts)store).Puts);
    }

    private sealed class OnlyPuts(IContentStore inner) : ForwardingContentStore(inner)
    {
        public int Puts { get; private set; }

        public override Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default)
        {
            Puts++;
            return Inner.PutAsync(content, cancellationToken);
        }
    }
}

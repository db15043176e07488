using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;

namespace MediBloc.IntegrationTests.Storage;

[Collection(DevnetCollection.Name)]
public sealed class KuboRpcClientTests(DevnetFixture fixture)
{
    private KuboRpcClient Client => new(fixture.Devnet.IpfsApiUrl);

    [Fact]
    public async Task Version_and_id_describe_the_node()
    {
        var version = await Client.VersionAsync();
        var id = await Client.IdAsync();
        Assert.False(string.IsNullOrEmpty(version.Version));
        Assert.False(string.IsNullOrEmpty(id.Id));
        Assert.NotEmpty(id.Addresses);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, null)]
    [InlineData(1, false)]
    public async Task Add_gives_the_CID_computed_locally_and_cat_returns_the_bytes(int version, bool? rawLeaves)
    {
        var data = Bytes(600_000, seed: 42 + version);
        var format = new UnixFsOptions { CidVersion = version, RawLeaves = rawLeaves };

        var added = await Client.AddAsync(new MemoryStream(data), new KuboAddOptions { CidVersion = version, RawLeaves = rawLeaves });

        Assert.Equal(UnixFsBuilder.Compute(data, format), added.Cid);
        await using var cat = await Client.CatAsync(added.Cid);
        var copy = new MemoryStream();
        await cat.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public async Task Only_hash_stores_nothing()
    {
        var data = Bytes(1000, seed: 7);
        var added = await Client.AddAsync(new MemoryStream(data), new KuboAddOptions { CidVersion = 1, OnlyHash = true, Pin = false });
        Assert.Equal(UnixFsBuilder.Compute(data, UnixFsOptions.CidV1RawLeaves), added.Cid);
        await Assert.ThrowsAsync<NotFoundException>(() => Client.BlockStatAsync(added.Cid));
    }

    [Fact]
    public async Task Pins_are_added_listed_and_removed()
    {
        var added = await Client.AddAsync(new MemoryStream(Bytes(300_000, seed: 8)), new KuboAddOptions { CidVersion = 1, Pin = false });
        Assert.Empty(await Client.PinLsAsync(added.Cid));

        await Client.PinAddAsync(added.Cid);
        Assert.Contains(await Client.PinLsAsync(), p => p.Cid.ToV1() == added.Cid && p.Type == "recursive");
        Assert.Single(await Client.PinLsAsync(added.Cid));

        await Client.PinRmAsync(added.Cid);
        Assert.Empty(await Client.PinLsAsync(added.Cid));
        var error = await Assert.ThrowsAsync<StorageException>(() => Client.PinRmAsync(added.Cid));
        Assert.Contains("not pinned", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(fixture.Devnet.IpfsApiUrl, error.Endpoint);
    }

    [Fact]
    public async Task Blocks_are_put_read_and_stated_and_every_block_the_builder_makes_is_what_the_node_stores()
    {
        var data = Bytes(700_000, seed: 9);
        var blocks = new List<(ContentId Cid, byte[] Block)>();
        var builder = new UnixFsBuilder(UnixFsOptions.CidV1RawLeaves, (cid, block) => blocks.Add((cid, block.ToArray())));
        builder.Append(data);
        var root = builder.Complete();

        foreach (var (cid, block) in blocks)
        {
            var stored = await Client.BlockPutAsync(block, cid.Codec);
            Assert.Equal(cid.Multihash, stored.Multihash);
            Assert.Equal(block.Length, (await Client.BlockStatAsync(cid)).Size);
        }

        Assert.Equal(blocks[^1].Block, await Client.BlockGetAsync(root));
        await using var cat = await Client.CatAsync(root);
        var copy = new MemoryStream();
        await cat.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());

        var stat = await Client.DagStatAsync(root);
        Assert.Equal(blocks.Count, stat.NumBlocks);
        Assert.Equal(blocks.Sum(b => (long)b.Block.Length), stat.Size);
    }

    [Fact]
    public async Task A_CID_the_node_does_not_hold_gives_NotFoundException_within_the_lookup_timeout()
    {
        var missing = UnixFsBuilder.Compute(Bytes(64, seed: Environment.TickCount), UnixFsOptions.CidV1RawLeaves);
        var client = new KuboRpcClient(fixture.Devnet.IpfsApiUrl, new KuboRpcClientOptions { LookupTimeout = TimeSpan.FromSeconds(1) });

        var error = await Assert.ThrowsAsync<NotFoundException>(() => client.CatAsync(missing));
        Assert.Equal(missing.ToString(), error.Cid);
        await Assert.ThrowsAsync<NotFoundException>(() => client.BlockGetAsync(missing));
    }

    internal static byte[] Bytes(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }
}

using System.Security.Cryptography;

namespace MediBloc.Sdk.Storage.Tests.ContentAddressing;

public class UnixFsBuilderTests
{
    // CIDs printed by `ipfs add` (js-ipfs 0.66 on the devnet; the CIDv0 ones also by Kubo and Debian's ipfs_cid).
    [Theory]
    [InlineData("", 0, null, "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH")]
    [InlineData("", 1, null, "zb2rhmy65F3REf8SZp7De11gxtECBGgUKaLdiDj7MCGCHxbDW")]
    [InlineData("", 1, false, "zdj7WiLc855B1KPRgV7Fh8ivjuAhePE1tuJafmxH5HmmSjqaD")]
    [InlineData("a", 0, null, "QmfDmsHTywy6L9Ne5RXsj5YumDedfBLMvCvmaxjBoe6w4d")]
    [InlineData("a", 1, null, "bafkreigks6arfsq3xxfpvqrrwonchxcnu6do76auprhhfomao6c273sixm")]
    [InlineData("a", 1, false, "zdj7WnK2EiXqRShCrgZpAVVbTPUPRr5NikVnXLJFm7rd5fqEZ")]
    [InlineData("hello\n", 0, null, "QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN")]
    public void Compute_gives_the_CID_ipfs_add_prints(string text, int version, bool? rawLeaves, string expected)
    {
        var options = new UnixFsOptions { CidVersion = version, RawLeaves = rawLeaves };
        Assert.Equal(ContentId.Parse(expected), UnixFsBuilder.Compute(System.Text.Encoding.UTF8.GetBytes(text), options));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, null)]
    [InlineData(1, false)]
    public async Task Appending_in_any_split_gives_the_same_CID_as_one_buffer_and_as_a_stream(int version, bool? rawLeaves)
    {
        var options = new UnixFsOptions { CidVersion = version, RawLeaves = rawLeaves, ChunkSize = 1000, MaxLinksPerNode = 4 };
        var data = RandomBytes(23_456, seed: 11);
        var whole = UnixFsBuilder.Compute(data, options);
        var random = new Random(3);
        var builder = new UnixFsBuilder(options);
        for (var pos = 0; pos < data.Length;)
        {
            var n = Math.Min(random.Next(0, 2500), data.Length - pos);
            builder.Append(data.AsSpan(pos, n));
            pos += n;
        }

        Assert.Equal(whole, builder.Complete());
        Assert.Equal(whole, UnixFsBuilder.Compute(new MemoryStream(data), options));
        Assert.Equal(whole, await UnixFsBuilder.ComputeAsync(new MemoryStream(data), options));
    }

    [Theory]
    [InlineData(0, 0, null)]
    [InlineData(1, 0, null)]
    [InlineData(999, 0, null)]
    [InlineData(1000, 1, null)]
    [InlineData(1001, 1, false)]
    [InlineData(4000, 0, null)]
    [InlineData(4001, 1, null)]
    [InlineData(16000, 1, false)]
    [InlineData(16001, 0, null)]
    [InlineData(64001, 1, null)]
    public void The_blocks_form_a_balanced_DAG_whose_leaves_hold_the_file_in_order(int size, int version, bool? rawLeaves)
    {
        const int chunk = 1000;
        const int maxLinks = 4;
        var options = new UnixFsOptions { CidVersion = version, RawLeaves = rawLeaves, ChunkSize = chunk, MaxLinksPerNode = maxLinks };
        var data = RandomBytes(size, seed: size);
        var blocks = new Dictionary<ContentId, byte[]>();
        var order = new List<ContentId>();
        var builder = new UnixFsBuilder(options, (cid, block) =>
        {
            Assert.True(cid.Multihash.Matches(block.Span), "every block hashes to its CID");
            blocks[cid] = block.ToArray();
            order.Add(cid);
        });
        builder.Append(data);
        var root = builder.Complete();
        Assert.Equal(root, order[^1]);

        var leaves = new List<byte[]>();
        var depths = new HashSet<int>();
        Walk(root, 0);
        Assert.Equal(data, leaves.SelectMany(l => l).ToArray());
        Assert.Single(depths);
        Assert.Equal(Math.Max(1, (size + chunk - 1) / chunk), leaves.Count);

        void Walk(ContentId cid, int depth)
        {
            var block = blocks[cid];
            if (cid.Codec == ContentCodec.Raw)
            {
                leaves.Add(block);
                depths.Add(depth);
                return;
            }

            var (links, fileSize) = DagPbReader.Read(block);
            Assert.InRange(links.Count, 0, maxLinks);
            if (links.Count == 0)
            {
                // A dag-pb leaf: PBNode.Data = UnixFS { Type = File, Data = chunk, filesize }.
                var content = ExtractLeafData(block);
                Assert.Equal((ulong)content.Length, fileSize);
                leaves.Add(content);
                depths.Add(depth);
                return;
            }

            foreach (var link in links)
            {
                Assert.Equal(version, link.Version);
                Walk(link, depth + 1);
            }
        }
    }

    [Fact]
    public void A_file_of_one_chunk_is_a_single_raw_block_in_CIDv1()
    {
        var data = RandomBytes(UnixFsOptions.DefaultChunkSize, seed: 5);
        var cid = UnixFsBuilder.Compute(data, UnixFsOptions.CidV1RawLeaves);
        Assert.Equal(ContentCodec.Raw, cid.Codec);
        Assert.Equal(SHA256.HashData(data), cid.Multihash.Digest.ToArray());
        Assert.Equal(ContentCodec.DagPb, UnixFsBuilder.Compute(RandomBytes(UnixFsOptions.DefaultChunkSize + 1, 5), UnixFsOptions.CidV1RawLeaves).Codec);
    }

    [Fact]
    public void Append_after_Complete_throws_and_Complete_is_repeatable()
    {
        var builder = new UnixFsBuilder();
        builder.Append("x"u8);
        var cid = builder.Complete();
        Assert.Equal(cid, builder.Complete());
        Assert.Throws<InvalidOperationException>(() => builder.Append("y"u8));
    }

    [Theory]
    [InlineData(2, 0, 174)]
    [InlineData(0, 0, 174)]
    [InlineData(0, UnixFsOptions.MaxChunkSize + 1, 174)]
    [InlineData(0, 1000, 1)]
    public void Options_out_of_range_throw_ArgumentOutOfRangeException(int version, int chunk, int links)
    {
        var options = new UnixFsOptions { CidVersion = version, ChunkSize = chunk == 0 ? 1000 : chunk, MaxLinksPerNode = links };
        if (version == 0 && chunk == 0)
        {
            options.ChunkSize = 0;
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => new UnixFsBuilder(options));
    }

    internal static byte[] RandomBytes(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    private static byte[] ExtractLeafData(byte[] block)
    {
        // 0x0A len UnixFS ; UnixFS = 08 02 [12 len data] 18 filesize
        var pos = 1;
        Assert.True(TryVarint(block, ref pos, out _));
        Assert.Equal(0x08, block[pos]);
        Assert.Equal(0x02, block[pos + 1]);
        pos += 2;
        if (block[pos] != 0x12)
        {
            return [];
        }

        pos++;
        Assert.True(TryVarint(block, ref pos, out var length));
        return block.AsSpan(pos, (int)length).ToArray();
    }

    private static bool TryVarint(byte[] data, ref int pos, out ulong value)
    {
        value = 0;
        for (var shift = 0; pos < data.Length; shift += 7)
        {
            var b = data[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }
}

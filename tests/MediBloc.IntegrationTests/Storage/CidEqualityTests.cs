using System.Text;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;

namespace MediBloc.IntegrationTests.Storage;

/// <summary>
/// Our CIDs equal those of two independent implementations: Debian's <c>ipfs_cid</c> and the devnet's IPFS node
/// (<c>ipfs add</c> in all three forms). The files are generated here from fixed seeds.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class CidEqualityTests(DevnetFixture fixture) : IDisposable
{
    private const int Chunk = UnixFsOptions.DefaultChunkSize;
    private readonly string _directory = Directory.CreateTempSubdirectory("medibloc-cid-").FullName;

    public static TheoryData<string, long> Files => new()
    {
        { "empty", 0 },
        { "one-byte", 1 },
        { "chunk-minus-one", Chunk - 1 },
        { "one-chunk", Chunk },
        { "chunk-plus-one", Chunk + 1 },
        { "full-first-level", 174L * Chunk },
        { "second-level", (174L * Chunk) + 1 },
        { "random-45MiB", (45L * 1024 * 1024) + 12_345 },
        { "text", -1 },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Our_CIDs_equal_ipfs_cid_and_the_IPFS_node_in_all_three_forms(string name, long size)
    {
        var path = Write(name, size);

        var v0 = Compute(path, UnixFsOptions.IpfsAddDefault);
        var v1Raw = Compute(path, UnixFsOptions.CidV1RawLeaves);
        var v1DagPb = Compute(path, UnixFsOptions.CidV1DagPbLeaves);

        var reference = await IpfsCidTool.ComputeAsync(path);
        Assert.Equal(reference.V0, v0.ToString());
        Assert.Equal(reference.V1, v0.ToV1().ToString());

        var client = new KuboRpcClient(fixture.Devnet.IpfsApiUrl);
        Assert.Equal(v0, await AddAsync(client, path, new KuboAddOptions { OnlyHash = true, Pin = false }));
        Assert.Equal(v1Raw, await AddAsync(client, path, new KuboAddOptions { CidVersion = 1, OnlyHash = true, Pin = false }));
        Assert.Equal(v1DagPb, await AddAsync(client, path, new KuboAddOptions { CidVersion = 1, RawLeaves = false, OnlyHash = true, Pin = false }));
        Assert.Equal(0, v0.Version);
        Assert.StartsWith(size is >= 0 and <= Chunk ? "bafk" : "bafy", v1Raw.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ContentId Compute(string path, UnixFsOptions options)
    {
        using var file = File.OpenRead(path);
        return UnixFsBuilder.Compute(file, options);
    }

    private static async Task<ContentId> AddAsync(KuboRpcClient client, string path, KuboAddOptions options)
    {
        await using var file = File.OpenRead(path);
        return (await client.AddAsync(file, options)).Cid;
    }

    private string Write(string name, long size)
    {
        var path = System.IO.Path.Combine(_directory, name);
        using var file = File.Create(path);
        if (size < 0)
        {
            var line = Encoding.UTF8.GetBytes("Patient-owned records: encrypted on the device, stored off-chain, anchored on-chain. Ünïcødé ✓\n");
            for (var i = 0; i < 12_000; i++)
            {
                file.Write(line);
            }

            return path;
        }

        var random = new Random((int)(size % int.MaxValue));
        var buffer = new byte[1 << 20];
        for (var left = size; left > 0;)
        {
            var n = (int)Math.Min(buffer.Length, left);
            random.NextBytes(buffer.AsSpan(0, n));
            file.Write(buffer, 0, n);
            left -= n;
        }

        return path;
    }
}

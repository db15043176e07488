using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Storage.Replication;
using MediBloc.Sdk.Testing;

namespace MediBloc.IntegrationTests.Storage;

/// <summary>The device store backed up to the devnet's IPFS node: repair, verification, restore, and a node that dies.</summary>
[Collection(DevnetCollection.Name)]
public sealed class ReplicationTests(DevnetFixture fixture) : IDisposable
{
    private readonly string _device = Path.Combine(Path.GetTempPath(), "medibloc-device-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_device))
        {
            Directory.Delete(_device, recursive: true);
        }
    }

    [Fact]
    public async Task Corruption_injected_on_disk_is_detected_and_repaired_from_IPFS()
    {
        var local = new LocalContentStore(_device);
        await using var store = new ReplicatingContentStore(local, Ipfs(fixture.Devnet.IpfsApiUrl), new ReplicatingContentStoreOptions { Mode = ReplicationMode.Manual });
        var data = KuboRpcClientTests.Bytes(1_500_000, seed: 61);
        var cid = await store.PutAsync(new MemoryStream(data));
        Assert.Equal([cid], (await store.SyncAsync()).Uploaded);

        FlipOneBit(cid, at: 700_000);
        var report = await store.VerifyAllAsync();
        Assert.Equal([new ReplicaProblem(cid, ReplicaRole.Primary, ReplicaProblemKind.Corrupt, false)], report.Problems);

        // The read detects the damage, fetches the copy from IPFS, checks it and rewrites the device's file.
        Assert.Equal(data, await ContentStoreContractTests.ReadAllAsync(store, cid));
        Assert.Equal(data, await ContentStoreContractTests.ReadAllAsync(local, cid));

        FlipOneBit(cid, at: 5);
        var repaired = await store.VerifyAllAsync(repair: true);
        Assert.Equal([new ReplicaProblem(cid, ReplicaRole.Primary, ReplicaProblemKind.Corrupt, true)], repaired.Problems);
        Assert.Empty((await store.VerifyAllAsync()).Problems);
    }

    [Fact]
    public async Task Background_replication_copies_a_put_to_IPFS()
    {
        var ipfs = Ipfs(fixture.Devnet.IpfsApiUrl);
        await using var store = new ReplicatingContentStore(new LocalContentStore(_device), ipfs);

        var cid = await store.PutAsync(new MemoryStream(KuboRpcClientTests.Bytes(300_000, seed: Environment.TickCount)));

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (store.PendingCount > 0)
        {
            await Task.Delay(50, limit.Token);
        }

        Assert.True(await ipfs.ExistsAsync(cid));
        Assert.True((await ipfs.GetInfoAsync(cid)).IsPinned);
    }

    [Fact]
    public async Task A_lost_device_is_restored_from_IPFS_given_the_anchored_CIDs()
    {
        var ipfs = Ipfs(fixture.Devnet.IpfsApiUrl);
        var inputs = Enumerable.Range(0, 3).Select(i => KuboRpcClientTests.Bytes(200_000 * (i + 1), seed: 70 + i)).ToArray();
        var anchored = new List<ContentId>();
        await using (var phone = new ReplicatingContentStore(new LocalContentStore(_device), ipfs, new ReplicatingContentStoreOptions { Mode = ReplicationMode.Manual }))
        {
            foreach (var data in inputs)
            {
                anchored.Add(await phone.PutAsync(new MemoryStream(data)));
            }

            await phone.SyncAsync();
        }

        Directory.Delete(_device, recursive: true);
        var newPhone = new LocalContentStore(_device);
        await using var store = new ReplicatingContentStore(newPhone, ipfs, new ReplicatingContentStoreOptions { Mode = ReplicationMode.Manual });

        var result = await store.RestoreAsync(anchored);

        Assert.Equal(anchored, result.Restored);
        Assert.Empty(result.Unrecoverable);
        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(inputs[i], await ContentStoreContractTests.ReadAllAsync(newPhone, anchored[i]));
        }
    }

    [Fact]
    public async Task The_IPFS_node_killed_mid_upload_gives_a_typed_error_and_leaves_the_local_copy_intact()
    {
        var devnet = await Devnet.StartAsync(new DevnetOptions { StartChain = false });
        await using (devnet)
        {
            var local = new KillingLocalStore(_device, devnet, killAfter: 2_000_000);
            var ipfs = Ipfs(devnet.IpfsApiUrl);
            await using var store = new ReplicatingContentStore(local, ipfs, new ReplicatingContentStoreOptions { Mode = ReplicationMode.Manual });
            var data = KuboRpcClientTests.Bytes(8_000_000, seed: 81);
            var cid = await store.PutAsync(new MemoryStream(data));

            var error = await Assert.ThrowsAsync<StorageException>(() => store.SyncAsync());

            Assert.True(local.Killed, "The node was to be stopped during the upload.");
            Assert.Equal(devnet.IpfsApiUrl, error.Endpoint);
            Assert.Contains(devnet.IpfsApiUrl.ToString().TrimEnd('/'), error.Message, StringComparison.Ordinal);
            Assert.Equal(1, store.PendingCount);
            Assert.Equal(data, await ContentStoreContractTests.ReadAllAsync(local, cid));
            Assert.Equal(data, await ContentStoreContractTests.ReadAllAsync(store, cid));
            Assert.Empty(Directory.GetFiles(Path.Combine(_device, "tmp")));
        }
    }

    [Fact]
    public async Task Copies_pending_while_IPFS_was_down_survive_a_crash_and_reach_IPFS_from_the_journal()
    {
        var journal = Path.Combine(_device, "journal");
        var data = KuboRpcClientTests.Bytes(400_000, seed: Environment.TickCount);
        ContentId cid;

        // IPFS is down (nothing listens on port 1): the put lands on the device and waits, journaled.
        var crashed = new ReplicatingContentStore(
            new LocalContentStore(Path.Combine(_device, "store")),
            Ipfs(new Uri("http://127.0.0.1:1/")),
            new ReplicatingContentStoreOptions { JournalDirectory = journal, RetryDelay = TimeSpan.FromMinutes(1) });
        cid = await crashed.PutAsync(new MemoryStream(data));
        Assert.Equal(1, crashed.PendingCount);

        // The process dies without a sync; the next start finds IPFS up and the pending copy in the journal.
        var ipfs = Ipfs(fixture.Devnet.IpfsApiUrl);
        await using var restarted = new ReplicatingContentStore(
            new LocalContentStore(Path.Combine(_device, "store")), ipfs, new ReplicatingContentStoreOptions { JournalDirectory = journal });

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (restarted.PendingCount > 0)
        {
            await Task.Delay(50, limit.Token);
        }

        Assert.Equal(data, await ContentStoreContractTests.ReadAllAsync(ipfs, cid));
        await crashed.DisposeAsync();
    }

    private static IpfsContentStore Ipfs(Uri url) =>
        new(new KuboRpcClient(url, new KuboRpcClientOptions { LookupTimeout = TimeSpan.FromSeconds(1), MaxRetries = 0 }));

    private void FlipOneBit(ContentId cid, int at)
    {
        var name = cid.ToString();
        var path = Path.Combine(_device, "objects", name[^3..^1], name);
        using var file = File.Open(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = at;
        var b = file.ReadByte();
        file.Position = at;
        file.WriteByte((byte)(b ^ 0x10));
    }

    /// <summary>A device store whose reads stop the devnet's IPFS node once a number of bytes went out: the node dies mid-upload.</summary>
    private sealed class KillingLocalStore(string root, Devnet devnet, long killAfter) : LocalContentStore(root)
    {
        public bool Killed { get; private set; }

        public override async Task<Stream> OpenReadAsync(ContentId cid, CancellationToken cancellationToken = default)
        {
            var inner = await base.OpenReadAsync(cid, cancellationToken);
            return Killed ? inner : new KillingStream(inner, this);
        }

        private sealed class KillingStream(Stream inner, KillingLocalStore owner) : Stream
        {
            private long _read;

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => inner.Length;

            public override long Position { get => _read; set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                if (!owner.Killed && _read >= owner.KillAfter)
                {
                    owner.Killed = true;
                    await owner.Devnet.StopIpfsAsync();
                }

                var n = await inner.ReadAsync(buffer, cancellationToken);
                _read += n;
                return n;
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    inner.Dispose();
                }

                base.Dispose(disposing);
            }
        }

        private long KillAfter => killAfter;

        private Devnet Devnet => devnet;
    }
}

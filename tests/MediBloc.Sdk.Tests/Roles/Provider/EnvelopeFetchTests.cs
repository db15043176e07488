using System.Security.Cryptography;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Roles.Provider;

namespace MediBloc.Sdk.Tests.Roles.Provider;

/// <summary>Runs alone: the allocation counts are process-wide.</summary>
[CollectionDefinition(nameof(AllocationCounting), DisableParallelization = true)]
public sealed class AllocationCounting;

/// <summary>Reading an envelope or manifest from the store: bounded, and without spare copies.</summary>
[Collection(nameof(AllocationCounting))]
public sealed class EnvelopeFetchTests : IDisposable
{
    private const int Size = 8 * 1024 * 1024;
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-fetch-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task An_object_whose_stream_tells_its_length_is_read_into_one_array_of_that_size()
    {
        var (client, cid) = await CreateAsync(new LocalContentStore(_folder));
        await client.Context.FetchEnvelopeAsync(cid, CancellationToken.None); // warm up

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var bytes = await client.Context.FetchEnvelopeAsync(cid, CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(Size, bytes.Length);
        Assert.True(allocated <= Size * 3L / 2, $"allocated {allocated} bytes to read {Size}");
    }

    [Fact]
    public async Task An_object_of_unknown_length_is_read_with_one_copy_and_never_past_the_limit()
    {
        var (client, cid) = await CreateAsync(new UnknownLengthStore(new LocalContentStore(_folder)));

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var bytes = await client.Context.FetchEnvelopeAsync(cid, CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var refused = await Assert.ThrowsAsync<StorageException>(() => client.Context.FetchEnvelopeAsync(cid, CancellationToken.None, maxBytes: Size - 1));

        Assert.Equal(Size, bytes.Length);
        Assert.True(allocated <= Size * 5L / 2, $"allocated {allocated} bytes to read {Size}");
        Assert.Equal(MediBlocErrorCode.TooLarge, refused.Code);
        Assert.Equal(cid.ToString(), refused.Cid);
    }

    private static async Task<(MediBlocClient Client, ContentId Cid)> CreateAsync(IContentStore store)
    {
        var client = new MediBlocClient(new MediBlocClientOptions
        {
            ChainRpcUrl = new Uri("http://127.0.0.1:9"),
            RecordRegistryAddress = "0x5FbDB2315678afecb367f032d93F642f64180aa3",
            ContentStore = store,
            Outbox = new InMemoryRecordOutbox(),
        });
        using var content = new MemoryStream(RandomNumberGenerator.GetBytes(Size));
        return (client, await store.PutAsync(content));
    }

    /// <summary>A store whose streams do not tell their length (like a download).</summary>
    private sealed class UnknownLengthStore(IContentStore inner) : IContentStore
    {
        public Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default) => inner.PutAsync(content, cancellationToken);

        public async Task<Stream> OpenReadAsync(ContentId cid, CancellationToken cancellationToken = default) =>
            new NoLength(await inner.OpenReadAsync(cid, cancellationToken));

        public Task<bool> ExistsAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.ExistsAsync(cid, cancellationToken);

        public Task PinAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.PinAsync(cid, cancellationToken);

        public Task UnpinAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.UnpinAsync(cid, cancellationToken);

        public Task<ContentInfo> GetInfoAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.GetInfoAsync(cid, cancellationToken);

        public IAsyncEnumerable<ContentId> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

        public Task<bool> DeleteAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.DeleteAsync(cid, cancellationToken);
    }

    private sealed class NoLength(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

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
}

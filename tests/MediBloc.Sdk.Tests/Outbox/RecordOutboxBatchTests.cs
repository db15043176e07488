using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;

namespace MediBloc.Sdk.Tests.Outbox;

public sealed class RecordOutboxBatchTests : IDisposable
{
    private static readonly EvmAddress Owner = EvmAddress.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    private readonly string _directory = Directory.CreateTempSubdirectory("medibloc-outbox-batch-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Kinds => new() { "file", "memory" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_saved_batch_is_listed_with_its_envelopes_in_order_until_removed_and_apart_from_single_records(string kind)
    {
        var outbox = Create(kind);
        var batch = Batch(3, seed: 1);
        byte[][] envelopes = [[1, 2, 3], [], [4, 5]];

        await outbox.SaveBatchAsync(batch, envelopes.Select(e => (ReadOnlyMemory<byte>)e).ToList());

        var listed = Assert.Single(await ListAsync(outbox));
        Assert.Equal(batch.BatchId, listed.BatchId);
        Assert.Equal(batch.Records, listed.Records);
        Assert.Equal(batch.CreatedAt, listed.CreatedAt);
        Assert.Equal(envelopes, await outbox.ReadBatchEnvelopesAsync(listed));
        Assert.Empty(await ToListAsync(outbox.ListAsync(Owner)));

        await outbox.RemoveBatchAsync(listed);
        await outbox.RemoveBatchAsync(listed);

        Assert.Empty(await ListAsync(outbox));
        Assert.Null(await outbox.ReadBatchEnvelopesAsync(batch));
    }

    [Fact]
    public async Task An_outbox_folder_written_before_batches_existed_reads_unchanged_and_a_batch_survives_a_new_instance()
    {
        var single = new PendingRecord(Owner, Commitment.Parse("0x" + new string('1', 64)), "application/json", 31337, EvmAddress.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"), 2, DateTimeOffset.UnixEpoch);
        await new FileRecordOutbox(_directory).SaveAsync(single, new byte[] { 7, 7 });
        await new FileRecordOutbox(_directory).SaveBatchAsync(Batch(2, seed: 5), [new byte[] { 1 }, new byte[] { 2 }]);

        var reopened = new FileRecordOutbox(_directory);

        Assert.Equal([single], await ToListAsync(reopened.ListAsync(Owner)));
        Assert.Equal(new byte[] { 7, 7 }, await reopened.ReadEnvelopeAsync(single));
        Assert.Equal(2, Assert.Single(await ListAsync(reopened)).Records.Count);
    }

    [Fact]
    public async Task A_batch_entry_of_an_unknown_format_version_is_refused_with_a_StorageException_naming_the_versions()
    {
        var outbox = new FileRecordOutbox(_directory);
        var batch = Batch(1, seed: 9);
        await outbox.SaveBatchAsync(batch, [new byte[] { 1 }]);
        var entry = Directory.GetFiles(Path.Combine(_directory, Owner.ToString().ToLowerInvariant(), "batches"), "*.json").Single();
        await File.WriteAllTextAsync(entry, (await File.ReadAllTextAsync(entry)).Replace("\"version\": 1", "\"version\": 7", StringComparison.Ordinal));

        var ex = await Assert.ThrowsAsync<StorageException>(() => ListAsync(outbox));

        Assert.Contains("format version 7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_batch_envelopes_file_is_refused_with_a_StorageException()
    {
        var outbox = new FileRecordOutbox(_directory);
        var batch = Batch(2, seed: 11);
        await outbox.SaveBatchAsync(batch, [new byte[] { 1, 2, 3 }, new byte[] { 4, 5, 6 }]);
        var packed = Directory.GetFiles(Path.Combine(_directory, Owner.ToString().ToLowerInvariant(), "batches"), "*.envelopes").Single();
        await File.WriteAllBytesAsync(packed, (await File.ReadAllBytesAsync(packed))[..^2]);

        var ex = await Assert.ThrowsAsync<StorageException>(() => outbox.ReadBatchEnvelopesAsync(batch));

        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outbox_without_batch_support_says_which_members_to_implement()
    {
        IRecordOutbox outbox = new SinglesOnlyOutbox();

        var ex = await Assert.ThrowsAsync<NotSupportedException>(() => outbox.SaveBatchAsync(Batch(1, seed: 3), [new byte[] { 1 }]));

        Assert.Contains("SaveBatchAsync", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await ToListAsync(outbox.ListBatchesAsync(Owner)));
    }

    [Fact]
    public void The_batch_id_is_the_SHA256_of_the_commitments_in_order()
    {
        var a = Commitment.Parse("0x" + new string('a', 64));
        var b = Commitment.Parse("0x" + new string('b', 64));

        Assert.NotEqual(PendingBatch.ComputeBatchId([a, b]), PendingBatch.ComputeBatchId([b, a]));
        Assert.Equal(
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Convert.FromHexString(new string('a', 64) + new string('b', 64)))).ToLowerInvariant(),
            PendingBatch.ComputeBatchId([a, b]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_batch_anchor_threshold_below_one_is_refused_by_the_options(int threshold)
    {
        var options = new MediBlocClientOptions
        {
            ChainRpcUrl = new Uri("http://127.0.0.1:8545"),
            IpfsApiUrl = new Uri("http://127.0.0.1:5001"),
            RecordRegistryAddress = "0x5FbDB2315678afecb367f032d93F642f64180aa3",
            BatchAnchorThreshold = threshold,
        };

        var ex = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(nameof(MediBlocClientOptions.BatchAnchorThreshold), ex.ParamName);
        Assert.Equal(8, new MediBlocClientOptions().BatchAnchorThreshold);
    }

    private IRecordOutbox Create(string kind) => kind == "file" ? new FileRecordOutbox(_directory) : new InMemoryRecordOutbox();

    private static PendingBatch Batch(int count, int seed)
    {
        var records = Enumerable.Range(0, count).Select(i => new PendingRecord(
            Owner, Commitment.Parse("0x" + (seed * 100 + i + 1).ToString("x64", System.Globalization.CultureInfo.InvariantCulture)), i % 2 == 0 ? "application/json" : "text/plain",
            31337, EvmAddress.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"), i, DateTimeOffset.UnixEpoch.AddSeconds(seed))).ToList();
        return new PendingBatch(Owner, PendingBatch.ComputeBatchId(records.Select(r => r.Commitment)), 31337, EvmAddress.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"), records, DateTimeOffset.UnixEpoch.AddSeconds(seed));
    }

    private static Task<List<PendingBatch>> ListAsync(IRecordOutbox outbox) => ToListAsync(outbox.ListBatchesAsync(Owner));

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }
        return list;
    }

    private sealed class SinglesOnlyOutbox : IRecordOutbox
    {
        public Task SaveAsync(PendingRecord record, ReadOnlyMemory<byte> envelope, CancellationToken cancellationToken = default) => Task.CompletedTask;
        public IAsyncEnumerable<PendingRecord> ListAsync(EvmAddress owner, CancellationToken cancellationToken = default) => ToAsync();
        public Task<byte[]?> ReadEnvelopeAsync(PendingRecord record, CancellationToken cancellationToken = default) => Task.FromResult<byte[]?>(null);
        public Task RemoveAsync(PendingRecord record, CancellationToken cancellationToken = default) => Task.CompletedTask;

        private static async IAsyncEnumerable<PendingRecord> ToAsync()
        {
            await Task.CompletedTask;
            yield break;
        }
    }
}

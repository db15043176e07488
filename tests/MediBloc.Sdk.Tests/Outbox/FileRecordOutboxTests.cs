using MediBloc.Sdk.Crypto;
using MediBloc.Sdk;
using MediBloc.Sdk.Outbox;

namespace MediBloc.Sdk.Tests.Outbox;

public sealed class FileRecordOutboxTests : IDisposable
{
    private static readonly EvmAddress Owner = EvmAddress.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    private readonly string _directory = Directory.CreateTempSubdirectory("medibloc-outbox-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    public static TheoryData<string> Kinds => new() { "file", "memory" };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task A_saved_record_is_listed_with_its_envelope_until_removed(string kind)
    {
        var outbox = Create(kind);
        var record = Pending(1);
        byte[] envelope = [1, 2, 3, 4, 5];

        await outbox.SaveAsync(record, envelope);

        Assert.Equal([record], await ListAsync(outbox, Owner));
        Assert.Equal(envelope, await outbox.ReadEnvelopeAsync(record));
        Assert.Empty(await ListAsync(outbox, EvmAddress.Parse("0x0000000000000000000000000000000000000001")));

        await outbox.RemoveAsync(record);
        await outbox.RemoveAsync(record);

        Assert.Empty(await ListAsync(outbox, Owner));
        Assert.Null(await outbox.ReadEnvelopeAsync(record));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Records_are_listed_oldest_first_and_owner_case_does_not_matter(string kind)
    {
        var outbox = Create(kind);
        var newer = Pending(2) with { CreatedAt = DateTimeOffset.UnixEpoch.AddDays(2) };
        var older = Pending(3) with { CreatedAt = DateTimeOffset.UnixEpoch.AddDays(1) };
        await outbox.SaveAsync(newer, new byte[] { 2 });
        await outbox.SaveAsync(older, new byte[] { 3 });

        Assert.Equal([older, newer], await ListAsync(outbox, EvmAddress.Parse(Owner.ToString().ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task The_outbox_survives_a_new_instance_on_the_same_folder()
    {
        var record = Pending(4);
        await new FileRecordOutbox(_directory).SaveAsync(record, new byte[] { 9, 9 });

        var reopened = new FileRecordOutbox(_directory);

        Assert.Equal([record], await ListAsync(reopened, Owner));
        Assert.Equal(new byte[] { 9, 9 }, await reopened.ReadEnvelopeAsync(record));
    }

    [Fact]
    public async Task An_envelope_without_its_entry_is_never_a_pending_record_and_old_ones_are_cleaned_up()
    {
        var outbox = new FileRecordOutbox(_directory);
        var record = Pending(5);
        await outbox.SaveAsync(record, new byte[] { 1 });
        var folder = Path.Combine(_directory, Owner.ToString().ToLowerInvariant());
        var entry = Directory.GetFiles(folder, "*.json").Single();
        File.Delete(entry); // a writer killed between the envelope and the entry
        var envelope = Directory.GetFiles(folder, "*.envelope").Single();
        var leftoverTemp = Path.Combine(folder, "x.json.0123.tmp");
        await File.WriteAllBytesAsync(leftoverTemp, [0]);
        File.SetLastWriteTimeUtc(envelope, DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(leftoverTemp, DateTime.UtcNow.AddHours(-2));

        Assert.Empty(await ListAsync(outbox, Owner));
        Assert.False(File.Exists(envelope));
        Assert.False(File.Exists(leftoverTemp));
    }

    [Fact]
    public async Task A_fresh_envelope_without_its_entry_is_left_alone_for_a_writer_still_at_work()
    {
        var outbox = new FileRecordOutbox(_directory);
        await outbox.SaveAsync(Pending(6), new byte[] { 1 });
        var folder = Path.Combine(_directory, Owner.ToString().ToLowerInvariant());
        File.Delete(Directory.GetFiles(folder, "*.json").Single());

        Assert.Empty(await ListAsync(outbox, Owner));
        Assert.Single(Directory.GetFiles(folder, "*.envelope"));
    }

    [Fact]
    public async Task A_damaged_entry_gives_a_StorageException_naming_the_file()
    {
        var outbox = new FileRecordOutbox(_directory);
        await outbox.SaveAsync(Pending(7), new byte[] { 1 });
        var entry = Directory.GetFiles(Path.Combine(_directory, Owner.ToString().ToLowerInvariant()), "*.json").Single();
        await File.WriteAllTextAsync(entry, "{ not json");

        var ex = await Assert.ThrowsAsync<StorageException>(() => ListAsync(outbox, Owner));

        Assert.Contains(entry, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unwritable_folder_gives_a_StorageException_naming_it()
    {
        var blocker = Path.Combine(_directory, "a-file");
        await File.WriteAllBytesAsync(blocker, [0]);
        var outbox = new FileRecordOutbox(Path.Combine(blocker, "outbox"));

        var ex = await Assert.ThrowsAsync<StorageException>(() => outbox.SaveAsync(Pending(8), new byte[] { 1 }));

        Assert.Equal(MediBlocErrorCode.StorageError, ex.Code);
        Assert.Contains(blocker, ex.Message, StringComparison.Ordinal);
    }


    [Theory]
    [InlineData("../other/0x70997970c51812dc3a010c7d01b50e0d17dc79c8")]
    [InlineData("..")]
    [InlineData("/etc")]
    [InlineData("0x70997970c51812dc3a010c7d01b50e0d17dc79c8/..")]
    public async Task An_owner_that_is_not_an_address_cannot_be_named_and_listing_never_reads_outside_the_outbox(string owner)
    {
        // Another outbox beside this one holds a valid entry that a path like ../other/<owner> would reach.
        await new FileRecordOutbox(Path.Combine(_directory, "other")).SaveAsync(Pending(7), new byte[] { 7 });
        var outbox = new FileRecordOutbox(Path.Combine(_directory, "outbox"));

        // Owners are EvmAddress values: a path is refused when it is parsed, before any outbox sees it.
        Assert.Throws<InvalidFormatException>(() => EvmAddress.Parse(owner));
        Assert.Empty(await ListAsync(outbox, Owner));
        await foreach (var batch in outbox.ListBatchesAsync(Owner))
        {
            Assert.Fail("listed " + batch.BatchId);
        }
    }

    [Fact]
    public async Task Concurrent_saves_of_many_records_are_all_listed()
    {
        var outbox = new FileRecordOutbox(_directory);
        var records = Enumerable.Range(100, 64).Select(Pending).ToList();

        await Task.WhenAll(records.Select(r => outbox.SaveAsync(r, new byte[] { (byte)r.EnvelopeLength })));

        Assert.Equal(64, (await ListAsync(outbox, Owner)).Count);
    }

    private IRecordOutbox Create(string kind) => kind == "file" ? new FileRecordOutbox(_directory) : new InMemoryRecordOutbox();

    private static PendingRecord Pending(int n) => new(
        Owner,
        Commitment.Parse("0x" + n.ToString("x64", System.Globalization.CultureInfo.InvariantCulture)),
        "application/json",
        31337,
        EvmAddress.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
        n,
        DateTimeOffset.UnixEpoch.AddSeconds(n));

    private static async Task<List<PendingRecord>> ListAsync(IRecordOutbox outbox, EvmAddress owner)
    {
        var list = new List<PendingRecord>();
        await foreach (var record in outbox.ListAsync(owner))
        {
            list.Add(record);
        }
        return list;
    }
}

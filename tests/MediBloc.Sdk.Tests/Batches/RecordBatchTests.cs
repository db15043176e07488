using MediBloc.Sdk.Crypto;
using System.Security.Cryptography;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Batches;

namespace MediBloc.Sdk.Tests.Batches;

public sealed class RecordBatchTests
{
    private static BatchRecord Record(int i) => new(new Commitment(RandomNumberGenerator.GetBytes(32)), $"Qm{i}", "application/fhir+json");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(100)]
    public void Every_proof_verifies_against_the_root(int size)
    {
        var batch = RecordBatch.Create(Enumerable.Range(0, size).Select(Record));

        for (var i = 0; i < size; i++)
        {
            Assert.True(RecordBatch.Verify(batch.Root, batch.Records[i], batch.GetProof(i)), $"record {i} of {size}");
        }
    }

    [Fact]
    public void A_single_record_batch_has_its_leaf_as_root_and_an_empty_proof()
    {
        var batch = RecordBatch.Create([Record(0)]);

        Assert.Equal(RecordBatch.ComputeLeaf(batch.Records[0]), batch.Root);
        Assert.Empty(batch.GetProof(0).Siblings);
    }

    [Fact]
    public void Proof_depth_is_the_ceiling_of_log2_of_the_size()
    {
        var batch = RecordBatch.Create(Enumerable.Range(0, 1024).Select(Record));

        Assert.All(Enumerable.Range(0, 1024).Where(i => i % 97 == 0), i => Assert.Equal(10, batch.GetProof(i).Siblings.Count));
    }

    [Fact]
    public void A_flipped_sibling_or_another_record_fails_verification()
    {
        var batch = RecordBatch.Create(Enumerable.Range(0, 8).Select(Record));
        var proof = batch.GetProof(3);
        var flipped = proof with { Siblings = [.. proof.Siblings.Select((s, i) => i == 1 ? s[..^1] + (s[^1] == '0' ? '1' : '0') : s)] };

        Assert.False(RecordBatch.Verify(batch.Root, batch.Records[3], flipped));
        Assert.False(RecordBatch.Verify(batch.Root, batch.Records[4], proof));
        Assert.False(RecordBatch.Verify(batch.Root, new BatchRecord(new Commitment(batch.Records[3].Commitment.ToBytes()), "QmOther", "application/fhir+json"), proof));
    }

    [Fact]
    public void Order_of_records_changes_the_root_but_not_validity()
    {
        var records = Enumerable.Range(0, 6).Select(Record).ToArray();

        var forward = RecordBatch.Create(records);
        var backward = RecordBatch.Create(records.Reverse());

        Assert.NotEqual(forward.Root, backward.Root);
        Assert.True(RecordBatch.Verify(backward.Root, records[0], backward.GetProof(5)));
    }

    [Fact]
    public void Empty_batches_and_duplicate_commitments_are_rejected()
    {
        var r = Record(0);

        Assert.Throws<ArgumentException>(() => RecordBatch.Create([]));
        Assert.Throws<ArgumentException>(() => RecordBatch.Create([r, new BatchRecord(new Commitment(r.Commitment.ToBytes()), "QmX", "text/plain")]));
        Assert.Throws<ArgumentException>(() => new BatchRecord(new Commitment(new byte[32]), "Qm", "text/plain"));
    }

    [Fact]
    public void Verify_rejects_a_root_that_is_not_32_bytes_of_hex()
    {
        var batch = RecordBatch.Create([Record(0)]);

        Assert.Throws<InvalidFormatException>(() => RecordBatch.Verify("0x1234", batch.Records[0], batch.GetProof(0)));
    }
}

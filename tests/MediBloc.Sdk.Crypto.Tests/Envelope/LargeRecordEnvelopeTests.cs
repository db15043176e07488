using System.Security.Cryptography;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Envelope;

/// <summary>Records large enough that the commitment is hashed on a second core while the payload is encrypted.</summary>
public sealed class LargeRecordEnvelopeTests : IDisposable
{
    private readonly Secp256k1PrivateKey _owner = Secp256k1PrivateKey.Generate();

    public void Dispose() => _owner.Dispose();

    [Theory]
    [InlineData(ConcurrentCommitment.ConcurrentThreshold, 1024)]
    [InlineData((3 * 1024 * 1024) + 5, 1024)]
    [InlineData((3 * 1024 * 1024) + 5, RecordEnvelopeOptions.DefaultSegmentSize)]
    [InlineData(4 * RecordEnvelopeOptions.DefaultSegmentSize, RecordEnvelopeOptions.DefaultSegmentSize)]
    public void Span_and_stream_forms_agree_on_plaintext_and_commitment(long size, int segmentSize)
    {
        var plaintext = RandomNumberGenerator.GetBytes((int)size);
        var options = new RecordEnvelopeOptions { SegmentSize = segmentSize };
        var sealedInMemory = RecordEnvelope.Seal(plaintext, "application/dicom", [_owner.PublicKey], options);
        using var sealedStream = new MemoryStream();
        var sealedInfo = RecordEnvelope.Seal(new MemoryStream(plaintext), sealedStream, "application/dicom", [_owner.PublicKey], options);

        foreach (var (envelope, commitment) in new[] { (sealedInMemory.Envelope.ToArray(), sealedInMemory.Commitment), (sealedStream.ToArray(), sealedInfo.Commitment) })
        {
            var opened = RecordEnvelope.Open(envelope, _owner);
            Assert.True(opened.Plaintext.Span.SequenceEqual(plaintext));
            Assert.Equal(SaltedCommitment.Compute(opened.CommitmentSalt.Span, plaintext), commitment.ToBytes());
            Assert.Equal(commitment, opened.Commitment);

            using var output = new MemoryStream();
            var streamed = RecordEnvelope.Open(new MemoryStream(envelope), output, _owner);
            Assert.True(output.GetBuffer().AsSpan(0, (int)output.Length).SequenceEqual(plaintext));
            Assert.Equal(commitment, streamed.Commitment);
            Assert.Equal(size, streamed.PlaintextLength);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_flipped_bit_in_any_segment_of_a_large_record_throws_Tag_in_both_open_forms(int where)
    {
        var plaintext = RandomNumberGenerator.GetBytes(2 * 1024 * 1024);
        var envelope = RecordEnvelope.Seal(plaintext, "application/dicom", [_owner.PublicKey]).Envelope.ToArray();
        var header = RecordEnvelope.ReadHeader(envelope);
        var offset = where switch
        {
            0 => header.Length + 3,
            1 => header.Length + ((envelope.Length - header.Length) / 2),
            _ => envelope.Length - 1,
        };
        envelope[offset] ^= 0x01;

        Assert.Equal(IntegrityCheck.Tag, Assert.Throws<IntegrityException>(() => RecordEnvelope.Open(envelope, _owner)).Check);
        using var output = new MemoryStream();
        Assert.Equal(IntegrityCheck.Tag, Assert.Throws<IntegrityException>(() => RecordEnvelope.Open(new MemoryStream(envelope), output, _owner)).Check);
    }
}

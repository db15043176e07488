using System.Security.Cryptography;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Envelope;

public sealed class RecordEnvelopeTests : IDisposable
{
    private const string FhirJson = "application/fhir+json";
    private static readonly RecordEnvelopeOptions Small = new() { SegmentSize = RecordEnvelopeOptions.MinSegmentSize };
    private readonly Secp256k1PrivateKey _owner = Secp256k1PrivateKey.Generate();
    private readonly Secp256k1PrivateKey _doctor = Secp256k1PrivateKey.Generate();
    private readonly Secp256k1PrivateKey _stranger = Secp256k1PrivateKey.Generate();

    public void Dispose()
    {
        _owner.Dispose();
        _doctor.Dispose();
        _stranger.Dispose();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(3 * 1024)]
    [InlineData((3 * 1024) + 1)]
    public void Open_returns_the_sealed_plaintext_for_every_recipient(int size)
    {
        var plaintext = RandomNumberGenerator.GetBytes(size);
        var result = RecordEnvelope.Seal(plaintext, FhirJson, [_owner.PublicKey, _doctor.PublicKey], Small);
        foreach (var key in new[] { _owner, _doctor })
        {
            var opened = RecordEnvelope.Open(result.Envelope.Span, key);
            Assert.Equal(plaintext, opened.Plaintext.ToArray());
            Assert.Equal(FhirJson, opened.ContentType);
            Assert.Equal(result.Commitment.ToBytes(), opened.Commitment.ToBytes());
            Assert.Equal(SaltedCommitment.Compute(opened.CommitmentSalt.Span, plaintext), opened.Commitment.ToBytes());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1024)]
    [InlineData(5000)]
    [InlineData(200_000)]
    public void Stream_and_span_forms_read_each_others_envelopes(int size)
    {
        var plaintext = RandomNumberGenerator.GetBytes(size);
        using var sealedStream = new MemoryStream();
        var sealInfo = RecordEnvelope.Seal(new MemoryStream(plaintext), sealedStream, "application/dicom", [_owner.PublicKey], new RecordEnvelopeOptions { SegmentSize = 4096 });
        Assert.Equal(size, sealInfo.PlaintextLength);
        Assert.Equal(sealedStream.Length, sealInfo.EnvelopeLength);

        var opened = RecordEnvelope.Open(sealedStream.ToArray(), _owner);
        Assert.Equal(plaintext, opened.Plaintext.ToArray());
        Assert.Equal(sealInfo.Commitment.ToBytes(), opened.Commitment.ToBytes());

        var spanSealed = RecordEnvelope.Seal(plaintext, "application/dicom", [_owner.PublicKey]);
        using var output = new MemoryStream();
        var openInfo = RecordEnvelope.Open(new MemoryStream(spanSealed.Envelope.ToArray()), output, _owner);
        Assert.Equal(plaintext, output.ToArray());
        Assert.Equal("application/dicom", openInfo.ContentType);
        Assert.Equal(spanSealed.Commitment.ToBytes(), openInfo.Commitment.ToBytes());
        Assert.Equal(size, openInfo.PlaintextLength);
    }

    [Fact]
    public void Sealing_the_same_plaintext_twice_gives_different_envelopes_and_commitments()
    {
        var a = RecordEnvelope.Seal("blood type A+"u8, "text/plain", [_owner.PublicKey]);
        var b = RecordEnvelope.Seal("blood type A+"u8, "text/plain", [_owner.PublicKey]);
        Assert.NotEqual(a.Envelope.ToArray(), b.Envelope.ToArray());
        Assert.NotEqual(a.Commitment.ToBytes(), b.Commitment.ToBytes());
    }

    [Fact]
    public void Open_with_a_key_that_is_not_a_recipient_throws_AccessDeniedException_NotARecipient()
    {
        var result = RecordEnvelope.Seal("x"u8, "text/plain", [_owner.PublicKey, _doctor.PublicKey]);
        var ex = Assert.Throws<AccessDeniedException>(() => RecordEnvelope.Open(result.Envelope.Span, _stranger));
        Assert.Equal(MediBlocErrorCode.NotARecipient, ex.Code);
        Assert.Throws<AccessDeniedException>(() => RecordEnvelope.Open(new MemoryStream(result.Envelope.ToArray()), Stream.Null, _stranger));
    }

    [Fact]
    public void Open_throws_IntegrityException_when_one_ciphertext_bit_flips()
    {
        var result = RecordEnvelope.Seal(RandomNumberGenerator.GetBytes(3000), FhirJson, [_owner.PublicKey], Small);
        var envelope = result.Envelope.ToArray();
        envelope[^100] ^= 0x01;
        Assert.Equal(IntegrityCheck.Tag, Assert.Throws<IntegrityException>(() => RecordEnvelope.Open(envelope, _owner)).Check);
        Assert.Equal(IntegrityCheck.Tag, Assert.Throws<IntegrityException>(() => RecordEnvelope.Open(new MemoryStream(envelope), Stream.Null, _owner)).Check);
    }

    [Fact]
    public void Open_detects_a_dropped_tail_segment_reordering_and_appended_data()
    {
        var result = RecordEnvelope.Seal(RandomNumberGenerator.GetBytes(3 * 1024), FhirJson, [_owner.PublicKey], Small);
        var envelope = result.Envelope.ToArray();
        var headerLength = RecordEnvelope.ReadHeader(envelope).Length;
        const int sealedSegment = 1024 + 16;

        var droppedTail = envelope[..^sealedSegment];
        AssertTag(droppedTail);

        var reordered = (byte[])envelope.Clone();
        envelope.AsSpan(headerLength, sealedSegment).CopyTo(reordered.AsSpan(headerLength + sealedSegment));
        envelope.AsSpan(headerLength + sealedSegment, sealedSegment).CopyTo(reordered.AsSpan(headerLength));
        AssertTag(reordered);

        AssertTag([.. envelope, .. envelope.AsSpan(headerLength, sealedSegment)]);
        byte[] oneByteMore = [.. envelope, 0];
        Assert.Equal(IntegrityCheck.Format, Assert.Throws<IntegrityException>(() => RecordEnvelope.Open(oneByteMore, _owner)).Check);
        // The stream reader sees the extra byte only after the final full segment: that segment then fails as not-last.
        Assert.Equal(IntegrityCheck.Tag, Assert.Throws<IntegrityException>(() => RecordEnvelope.Open(new MemoryStream(oneByteMore), Stream.Null, _owner)).Check);

        var cutInTag = envelope[..^(sealedSegment - 10)];
        Assert.Equal(IntegrityCheck.Format, Assert.Throws<IntegrityException>(() => RecordEnvelope.Open(cutInTag, _owner)).Check);
        Assert.Equal(IntegrityCheck.Format, Assert.Throws<IntegrityException>(() => RecordEnvelope.Open(envelope[..headerLength], _owner)).Check);
        Assert.Equal(IntegrityCheck.Format, Assert.Throws<IntegrityException>(() => RecordEnvelope.Open(envelope[..(headerLength - 1)], _owner)).Check);
    }

    [Fact]
    public void Open_throws_KeyCommitment_when_the_recipients_block_carries_another_data_key()
    {
        // A writer who hands one recipient a different data key: the header commits to the real one.
        var a = RecordEnvelope.Seal("one"u8, "text/plain", [_owner.PublicKey]).Envelope.ToArray();
        var b = RecordEnvelope.Seal("two"u8, "text/plain", [_owner.PublicKey]).Envelope.ToArray();
        var fixedLength = RecordEnvelope.ReadHeader(a).Length - (2 + 81 + 32);
        var forged = (byte[])a.Clone();
        b.AsSpan(fixedLength, 2 + 81 + 32).CopyTo(forged.AsSpan(fixedLength));
        var ex = Assert.Throws<IntegrityException>(() => RecordEnvelope.Open(forged, _owner));
        Assert.Equal(IntegrityCheck.KeyCommitment, ex.Check);
    }

    [Fact]
    public void Open_throws_Tag_when_the_content_type_is_changed()
    {
        var envelope = RecordEnvelope.Seal("x"u8, "text/plain", [_owner.PublicKey]).Envelope.ToArray();
        envelope[52] = (byte)'T';
        Assert.Equal(IntegrityCheck.Tag, Assert.Throws<IntegrityException>(() => RecordEnvelope.Open(envelope, _owner)).Check);
    }

    [Fact]
    public void Open_throws_Format_for_wrong_magic_or_version()
    {
        var envelope = RecordEnvelope.Seal("x"u8, "text/plain", [_owner.PublicKey]).Envelope.ToArray();
        var magic = (byte[])envelope.Clone();
        magic[0] ^= 1;
        Assert.Equal(IntegrityCheck.Format, Assert.Throws<IntegrityException>(() => RecordEnvelope.Open(magic, _owner)).Check);
        var version = (byte[])envelope.Clone();
        version[4] = 2;
        Assert.Equal(IntegrityCheck.Format, Assert.Throws<IntegrityException>(() => RecordEnvelope.Open(version, _owner)).Check);
    }

    [Fact]
    public void AddRecipients_lets_the_new_key_open_and_keeps_payload_and_commitment()
    {
        var plaintext = RandomNumberGenerator.GetBytes(5000);
        var sealedRecord = RecordEnvelope.Seal(plaintext, FhirJson, [_owner.PublicKey], Small);
        var envelope = sealedRecord.Envelope.ToArray();
        Assert.Throws<AccessDeniedException>(() => RecordEnvelope.Open(envelope, _doctor));

        var shared = RecordEnvelope.AddRecipients(envelope, _owner, [_doctor.PublicKey, _owner.PublicKey]);
        var before = RecordEnvelope.ReadHeader(envelope);
        var after = RecordEnvelope.ReadHeader(shared);
        Assert.Equal(1, before.RecipientCount);
        Assert.Equal(2, after.RecipientCount);
        Assert.Equal(envelope[before.Length..], shared[after.Length..]);
        var opened = RecordEnvelope.Open(shared, _doctor);
        Assert.Equal(plaintext, opened.Plaintext.ToArray());
        Assert.Equal(sealedRecord.Commitment.ToBytes(), opened.Commitment.ToBytes());
        Assert.Equal(plaintext, RecordEnvelope.Open(shared, _owner).Plaintext.ToArray());
    }

    [Fact]
    public void RemoveRecipients_denies_the_removed_key_and_keeps_the_payload()
    {
        var plaintext = RandomNumberGenerator.GetBytes(5000);
        var envelope = RecordEnvelope.Seal(plaintext, FhirJson, [_owner.PublicKey, _doctor.PublicKey, _stranger.PublicKey], Small).Envelope.ToArray();
        var reduced = RecordEnvelope.RemoveRecipients(envelope, _owner, [_doctor.PublicKey]);
        Assert.Equal(2, RecordEnvelope.ReadHeader(reduced).RecipientCount);
        Assert.Equal(envelope[RecordEnvelope.ReadHeader(envelope).Length..], reduced[RecordEnvelope.ReadHeader(reduced).Length..]);
        Assert.Equal(MediBlocErrorCode.NotARecipient, Assert.Throws<AccessDeniedException>(() => RecordEnvelope.Open(reduced, _doctor)).Code);
        Assert.Equal(plaintext, RecordEnvelope.Open(reduced, _stranger).Plaintext.ToArray());
        Assert.Throws<ArgumentException>(() => RecordEnvelope.RemoveRecipients(reduced, _owner, [_owner.PublicKey, _stranger.PublicKey]));
    }

    [Fact]
    public void AddRecipients_requires_a_current_recipients_key()
    {
        var envelope = RecordEnvelope.Seal("x"u8, FhirJson, [_owner.PublicKey]).Envelope.ToArray();
        Assert.Throws<AccessDeniedException>(() => RecordEnvelope.AddRecipients(envelope, _stranger, [_stranger.PublicKey]));
    }

    [Fact]
    public void ReadHeader_reports_the_public_facts_without_a_key()
    {
        var envelope = RecordEnvelope.Seal(new byte[10], "application/fhir+json; fhirVersion=4.0", [_owner.PublicKey, _doctor.PublicKey, _doctor.PublicKey]).Envelope.ToArray();
        var header = RecordEnvelope.ReadHeader(new MemoryStream(envelope));
        Assert.Equal(new EnvelopeHeader(1, "application/fhir+json; fhirVersion=4.0", RecordEnvelopeOptions.DefaultSegmentSize, 2, header.Length), header);
        Assert.Equal(envelope.Length - 10 - 16, header.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("text/plain\n")]
    [InlineData("tèxt/plain")]
    public void Seal_rejects_a_content_type_that_is_empty_or_not_printable_ASCII(string contentType)
    {
        Assert.Throws<ArgumentException>(() => RecordEnvelope.Seal("x"u8, contentType, [_owner.PublicKey]));
    }

    [Fact]
    public void Seal_rejects_an_empty_recipient_list_and_bad_segment_sizes()
    {
        Assert.Throws<ArgumentException>(() => RecordEnvelope.Seal("x"u8, "text/plain", Array.Empty<Secp256k1PublicKey>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecordEnvelopeOptions { SegmentSize = 1023 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecordEnvelopeOptions { SegmentSize = RecordEnvelopeOptions.MaxSegmentSize + 1 });
    }

    [Fact]
    public void Recipient_entries_do_not_contain_the_recipients_public_key_or_address()
    {
        var envelope = RecordEnvelope.Seal("x"u8, "text/plain", [_doctor.PublicKey]).Envelope.ToArray();
        Assert.Equal(-1, envelope.AsSpan().IndexOf(_doctor.PublicKey.ToCompressed().AsSpan(1)));
        Assert.Equal(-1, envelope.AsSpan().IndexOf(_doctor.Address.ToBytes()));
    }

    private void AssertTag(byte[] envelope)
    {
        Assert.Equal(IntegrityCheck.Tag, Assert.Throws<IntegrityException>(() => RecordEnvelope.Open(envelope, _owner)).Check);
        Assert.Equal(IntegrityCheck.Tag, Assert.Throws<IntegrityException>(() => RecordEnvelope.Open(new MemoryStream(envelope), Stream.Null, _owner)).Check);
    }
}

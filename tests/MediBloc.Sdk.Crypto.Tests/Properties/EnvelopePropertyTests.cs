using CsCheck;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Properties;

/// <summary>
/// Properties of envelope v1 over random inputs. Where a flipped bit lands decides the exception:
/// inside the opener's own recipient entry the altered entry cannot be told from an entry for another key, so
/// opening gives <see cref="AccessDeniedException"/> with <see cref="MediBlocErrorCode.NotARecipient"/> (or an
/// <see cref="IntegrityException"/> when the altered ephemeral key is no longer a curve point); everywhere else —
/// fixed header, recipient count, other recipients' entries, the recipients MAC, every payload segment —
/// it is an <see cref="IntegrityException"/>. Opening never succeeds. Every property runs for both key-wrap suites;
/// the X25519 envelopes are opened with the account key, through its derived X25519 key.
/// </summary>
public abstract class EnvelopePropertyTests : IDisposable
{
    protected const int SegmentSize = RecordEnvelopeOptions.MinSegmentSize;
    private const int SealedSegmentSize = SegmentSize + 16;
    protected static readonly RecordEnvelopeOptions Small = new() { SegmentSize = SegmentSize };
    private readonly Secp256k1PrivateKey _opener = Secp256k1PrivateKey.Generate();
    private readonly Secp256k1PrivateKey _other = Secp256k1PrivateKey.Generate();

    protected Secp256k1PrivateKey Opener => _opener;

    protected Secp256k1PrivateKey Other => _other;

    public void Dispose()
    {
        _opener.Dispose();
        _other.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Seals for the opener, and for the other key too when <paramref name="withOther"/> (the opener's entry first).</summary>
    protected abstract SealedEnvelope SealTo(ReadOnlySpan<byte> plaintext, string contentType, bool withOther);

    /// <summary>Seals a stream for the opener.</summary>
    protected abstract SealStreamResult SealTo(Stream plaintext, Stream destination, string contentType);

    [Fact]
    public void Round_trips_for_random_sizes_from_0_to_three_segments_plus_one_byte()
    {
        Gen.Byte.Array[0, (3 * SegmentSize) + 1].Sample(
            plaintext =>
            {
                var sealedEnvelope = SealTo(plaintext, "application/octet-stream", withOther: false);
                var opened = RecordEnvelope.Open(sealedEnvelope.Envelope.Span, _opener);
                using var output = new MemoryStream();
                var streamed = RecordEnvelope.Open(new MemoryStream(sealedEnvelope.Envelope.ToArray()), output, _opener);
                return opened.Plaintext.Span.SequenceEqual(plaintext)
                    && output.ToArray().AsSpan().SequenceEqual(plaintext)
                    && opened.Commitment.AsSpan().SequenceEqual(sealedEnvelope.Commitment.AsSpan())
                    && streamed.Commitment.AsSpan().SequenceEqual(sealedEnvelope.Commitment.AsSpan())
                    && streamed.PlaintextLength == plaintext.Length;
            },
            iter: 60);
    }

    [Fact]
    public void Streamed_seal_round_trips_for_random_sizes_from_0_to_three_segments_plus_one_byte()
    {
        Gen.Byte.Array[0, (3 * SegmentSize) + 1].Sample(
            plaintext =>
            {
                using var sealedStream = new MemoryStream();
                var info = SealTo(new MemoryStream(plaintext), sealedStream, "text/plain");
                var opened = RecordEnvelope.Open(sealedStream.ToArray(), _opener);
                return opened.Plaintext.Span.SequenceEqual(plaintext) && opened.Commitment.AsSpan().SequenceEqual(info.Commitment.AsSpan());
            },
            iter: 60);
    }

    [Fact]
    public void Every_single_bit_flip_in_the_header_and_recipients_block_fails_with_the_documented_exception()
    {
        var envelope = SealTo("x"u8, "application/fhir+json", withOther: true).Envelope.ToArray();
        var (ownEntryStart, ownEntryEnd, headerEnd) = Layout(envelope);
        for (var bit = 0; bit < headerEnd * 8; bit++)
        {
            AssertFlipFails(envelope, bit, ownEntryStart, ownEntryEnd);
        }
    }

    [Fact]
    public void Any_single_bit_flip_anywhere_in_a_multi_segment_envelope_fails_with_the_documented_exception()
    {
        var gen = from size in Gen.Int[0, (3 * SegmentSize) + 1]
                  from position in Gen.Double[0.0, 1.0]
                  select (size, position);
        gen.Sample(
            input =>
            {
                var plaintext = new byte[input.size];
                Random.Shared.NextBytes(plaintext);
                var envelope = SealTo(plaintext, "application/dicom", withOther: true).Envelope.ToArray();
                var (ownEntryStart, ownEntryEnd, _) = Layout(envelope);
                var bit = Math.Min((int)(input.position * envelope.Length * 8), (envelope.Length * 8) - 1);
                AssertFlipFails(envelope, bit, ownEntryStart, ownEntryEnd);
            },
            iter: 150);
    }

    [Fact]
    public void Every_single_bit_flip_in_the_payload_of_a_two_segment_envelope_fails_with_IntegrityException()
    {
        var plaintext = new byte[SegmentSize + 10];
        Random.Shared.NextBytes(plaintext);
        var envelope = SealTo(plaintext, "text/plain", withOther: false).Envelope.ToArray();
        var (_, _, headerEnd) = Layout(envelope);
        Assert.Equal(headerEnd + SealedSegmentSize + 10 + 16, envelope.Length);

        // One flip per byte, rotating through the bit positions, keeps the run short while touching every byte.
        for (var index = headerEnd; index < envelope.Length; index++)
        {
            var bit = (index * 8) + (index % 8);
            var tampered = (byte[])envelope.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Throws<IntegrityException>(() => RecordEnvelope.Open(tampered, _opener));
        }
    }

    /// <summary>Returns the byte range of the opener's entry (the first) and where the header ends.</summary>
    private static (int OwnEntryStart, int OwnEntryEnd, int HeaderEnd) Layout(byte[] envelope)
    {
        var header = RecordEnvelope.ReadHeader(envelope);
        var fixedLength = 52 + envelope[51];
        var entrySize = (header.Length - fixedLength - 2 - 32) / header.RecipientCount;
        return (fixedLength + 2, fixedLength + 2 + entrySize, header.Length);
    }

    private void AssertFlipFails(byte[] envelope, int bit, int ownEntryStart, int ownEntryEnd)
    {
        var tampered = (byte[])envelope.Clone();
        tampered[bit / 8] ^= (byte)(1 << (bit % 8));
        var inOwnEntry = bit / 8 >= ownEntryStart && bit / 8 < ownEntryEnd;
        var error = Record.Exception(() => RecordEnvelope.Open(tampered, _opener));
        var streamError = Record.Exception(() => RecordEnvelope.Open(new MemoryStream(tampered), Stream.Null, _opener));
        foreach (var e in new[] { error, streamError })
        {
            Assert.True(e is not null, $"bit {bit} flipped and the envelope still opened");
            if (inOwnEntry && e is AccessDeniedException denied)
            {
                Assert.Equal(MediBlocErrorCode.NotARecipient, denied.Code);
            }
            else
            {
                Assert.True(e is IntegrityException, $"bit {bit}: {e.GetType().Name} instead of IntegrityException");
            }
        }
    }
}

/// <summary>The properties for envelopes of key-wrap suite 1 (secp256k1 recipients).</summary>
public sealed class Secp256k1EnvelopePropertyTests : EnvelopePropertyTests
{
    protected override SealedEnvelope SealTo(ReadOnlySpan<byte> plaintext, string contentType, bool withOther) =>
        RecordEnvelope.Seal(plaintext, contentType, withOther ? [Opener.PublicKey, Other.PublicKey] : [Opener.PublicKey], Small);

    protected override SealStreamResult SealTo(Stream plaintext, Stream destination, string contentType) =>
        RecordEnvelope.Seal(plaintext, destination, contentType, [Opener.PublicKey], Small);
}

/// <summary>The properties for envelopes of key-wrap suite 2 (X25519 recipients derived from the account keys).</summary>
public sealed class X25519EnvelopePropertyTests : EnvelopePropertyTests
{
    protected override SealedEnvelope SealTo(ReadOnlySpan<byte> plaintext, string contentType, bool withOther)
    {
        using var opener = X25519PrivateKey.DeriveFrom(Opener);
        using var other = X25519PrivateKey.DeriveFrom(Other);
        var envelope = RecordEnvelope.Seal(plaintext, contentType, withOther ? [opener.PublicKey, other.PublicKey] : [opener.PublicKey], Small);
        Assert.Equal(KeyWrapSuite.EciesX25519, RecordEnvelope.ReadHeader(envelope.Envelope.Span).KeyWrapSuite);
        return envelope;
    }

    protected override SealStreamResult SealTo(Stream plaintext, Stream destination, string contentType)
    {
        using var opener = X25519PrivateKey.DeriveFrom(Opener);
        return RecordEnvelope.Seal(plaintext, destination, contentType, [opener.PublicKey], Small);
    }
}

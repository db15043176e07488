using System.Security.Cryptography;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Envelope;

/// <summary>Envelopes of key-wrap suite 2: X25519 recipients, usually derived from the account keys.</summary>
public sealed class X25519EnvelopeTests : IDisposable
{
    private readonly Secp256k1PrivateKey _account = Secp256k1PrivateKey.Generate();
    private readonly X25519PrivateKey _owner;
    private readonly X25519PrivateKey _doctor = X25519PrivateKey.Generate();
    private readonly X25519PrivateKey _stranger = X25519PrivateKey.Generate();

    public X25519EnvelopeTests() => _owner = X25519PrivateKey.DeriveFrom(_account);

    public void Dispose()
    {
        _account.Dispose();
        _owner.Dispose();
        _doctor.Dispose();
        _stranger.Dispose();
    }

    [Fact]
    public void An_envelope_sealed_to_a_non_canonical_encoding_of_a_key_opens_with_that_key()
    {
        // The same public key with its ignored top bit set: RFC 7748 peers treat it as the same key; import keeps
        // the canonical encoding, so the wrap binds the key the recipient's unwrap recomputes.
        var encoded = _doctor.PublicKey.ToBytes();
        encoded[^1] |= 0x80;
        var aliased = X25519PublicKey.Import(encoded);
        Assert.Equal(_doctor.PublicKey, aliased);
        Assert.Equal(_doctor.PublicKey.ToBytes(), aliased.ToBytes());

        var plaintext = RandomNumberGenerator.GetBytes(100);
        var envelope = RecordEnvelope.Seal(plaintext, "text/plain", [aliased]).Envelope.ToArray();
        Assert.Equal(plaintext, RecordEnvelope.Open(envelope, _doctor).Plaintext.ToArray());
    }

    [Theory]
    [InlineData("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // p → 0, low order
    [InlineData("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")] // p + 1 with the top bit → 1, low order
    public void Non_canonical_encodings_of_low_order_points_are_refused(string hex) =>
        Assert.Throws<InvalidFormatException>(() => X25519PublicKey.FromHex(hex));

    [Fact]
    public void A_u_coordinate_at_or_above_p_is_reduced_at_import()
    {
        // p + 9 (u = 9 is the base point): imported as 9.
        var key = X25519PublicKey.FromHex("f6ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        Assert.Equal("0x0900000000000000000000000000000000000000000000000000000000000000", key.ToString());
    }

    [Fact]
    public void Seals_and_opens_in_memory_and_through_streams_with_the_X25519_key_and_with_the_account_key()
    {
        var plaintext = RandomNumberGenerator.GetBytes((2 * 1024) + 7);
        var options = new RecordEnvelopeOptions { SegmentSize = 1024 };
        var sealedEnvelope = RecordEnvelope.Seal(plaintext, "application/fhir+json", [_owner.PublicKey, _doctor.PublicKey], options);
        var envelope = sealedEnvelope.Envelope.ToArray();

        var header = RecordEnvelope.ReadHeader(envelope);
        Assert.Equal(KeyWrapSuite.EciesX25519, header.KeyWrapSuite);
        Assert.Equal(2, envelope[6]);
        Assert.Equal(52 + "application/fhir+json".Length + 2 + (2 * 80) + 32, header.Length);

        foreach (var opened in new[] { RecordEnvelope.Open(envelope, _owner), RecordEnvelope.Open(envelope, _doctor), RecordEnvelope.Open(envelope, _account) })
        {
            Assert.Equal(plaintext, opened.Plaintext.ToArray());
            Assert.Equal(sealedEnvelope.Commitment.ToBytes(), opened.Commitment.ToBytes());
        }

        using var streamed = new MemoryStream();
        var sealedInfo = RecordEnvelope.Seal(new MemoryStream(plaintext), streamed, "text/plain", [_owner.PublicKey], options);
        using var output = new MemoryStream();
        var result = RecordEnvelope.Open(new MemoryStream(streamed.ToArray()), output, _account);
        Assert.Equal(plaintext, output.ToArray());
        Assert.Equal(sealedInfo.Commitment.ToBytes(), result.Commitment.ToBytes());
        output.SetLength(0);
        RecordEnvelope.Open(new MemoryStream(streamed.ToArray()), output, _owner);
        Assert.Equal(plaintext, output.ToArray());
    }

    [Fact]
    public void A_stranger_is_not_a_recipient_and_the_wrong_kind_of_key_says_so()
    {
        var envelope = RecordEnvelope.Seal("x"u8, "text/plain", [_owner.PublicKey]).Envelope.ToArray();
        Assert.Equal(MediBlocErrorCode.NotARecipient, Assert.Throws<AccessDeniedException>(() => RecordEnvelope.Open(envelope, _stranger)).Code);
        using var otherAccount = Secp256k1PrivateKey.Generate();
        Assert.Equal(MediBlocErrorCode.NotARecipient, Assert.Throws<AccessDeniedException>(() => RecordEnvelope.Open(envelope, otherAccount)).Code);

        var secpEnvelope = RecordEnvelope.Seal("x"u8, "text/plain", [_account.PublicKey]).Envelope.ToArray();
        var ex = Assert.Throws<AccessDeniedException>(() => RecordEnvelope.Open(secpEnvelope, _owner));
        Assert.Contains("secp256k1", ex.Message);
        Assert.Throws<ArgumentException>(() => RecordEnvelope.AddRecipients(secpEnvelope, _owner, [_doctor.PublicKey]));
        Assert.Throws<ArgumentException>(() => RecordEnvelope.AddRecipients(envelope, _account, [_account.PublicKey]));
    }

    [Fact]
    public void Adding_and_removing_recipients_rewrites_only_the_recipients_block()
    {
        var sealedEnvelope = RecordEnvelope.Seal("lab result"u8, "text/plain", [_owner.PublicKey]);
        var envelope = sealedEnvelope.Envelope.ToArray();
        var payloadLength = envelope.Length - RecordEnvelope.ReadHeader(envelope).Length;

        var shared = RecordEnvelope.AddRecipients(envelope, _owner, [_doctor.PublicKey, _doctor.PublicKey, _owner.PublicKey]);
        Assert.Equal(2, RecordEnvelope.ReadHeader(shared).RecipientCount);
        Assert.Equal(envelope.AsSpan(envelope.Length - payloadLength).ToArray(), shared.AsSpan(shared.Length - payloadLength).ToArray());
        Assert.Equal("lab result"u8.ToArray(), RecordEnvelope.Open(shared, _doctor).Plaintext.ToArray());

        var revoked = RecordEnvelope.RemoveRecipients(shared, _owner, [_doctor.PublicKey, _stranger.PublicKey]);
        Assert.Equal(1, RecordEnvelope.ReadHeader(revoked).RecipientCount);
        Assert.Throws<AccessDeniedException>(() => RecordEnvelope.Open(revoked, _doctor));
        Assert.Equal(sealedEnvelope.Commitment.ToBytes(), RecordEnvelope.Open(revoked, _account).Commitment.ToBytes());
        Assert.Throws<ArgumentException>(() => RecordEnvelope.RemoveRecipients(revoked, _owner, [_owner.PublicKey]));
    }

    [Fact]
    public void A_low_order_ephemeral_key_in_an_entry_is_a_Format_error_and_an_unknown_suite_is_refused()
    {
        var envelope = RecordEnvelope.Seal("x"u8, "text/plain", [_owner.PublicKey]).Envelope.ToArray();
        var entryStart = 52 + "text/plain".Length + 2;
        var lowOrder = (byte[])envelope.Clone();
        Array.Clear(lowOrder, entryStart, 32);
        Assert.Equal(IntegrityCheck.Format, Assert.Throws<IntegrityException>(() => RecordEnvelope.Open(lowOrder, _owner)).Check);

        var unknown = (byte[])envelope.Clone();
        unknown[6] = 3;
        Assert.Equal(IntegrityCheck.Format, Assert.Throws<IntegrityException>(() => RecordEnvelope.ReadHeader(unknown)).Check);
    }
}

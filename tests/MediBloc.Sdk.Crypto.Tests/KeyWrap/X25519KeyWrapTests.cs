using System.Security.Cryptography;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.KeyWrap;

public class X25519KeyWrapTests
{
    [Fact]
    public void Unwrap_returns_the_wrapped_key_for_its_recipient()
    {
        using var recipient = X25519PrivateKey.Generate();
        var dek = RandomNumberGenerator.GetBytes(32);
        var wrapped = X25519KeyWrap.Wrap(dek, recipient.PublicKey, "context"u8);
        Assert.Equal(32 + 48, wrapped.Length);
        Assert.Equal(dek, X25519KeyWrap.Unwrap(wrapped, recipient, "context"u8));
    }

    [Fact]
    public void Wrapping_the_same_key_twice_gives_unlinkable_outputs()
    {
        using var recipient = X25519PrivateKey.Generate();
        var dek = RandomNumberGenerator.GetBytes(32);
        var a = X25519KeyWrap.Wrap(dek, recipient.PublicKey);
        var b = X25519KeyWrap.Wrap(dek, recipient.PublicKey);
        Assert.NotEqual(a.AsSpan(0, 32).ToArray(), b.AsSpan(0, 32).ToArray());
        Assert.DoesNotContain(Convert.ToHexString(recipient.PublicKey.ToBytes()), Convert.ToHexString(a));
    }

    [Fact]
    public void Unwrap_with_another_key_or_other_associated_data_throws_AccessDeniedException_NotARecipient()
    {
        using var recipient = X25519PrivateKey.Generate();
        using var stranger = X25519PrivateKey.Generate();
        var wrapped = X25519KeyWrap.Wrap(new byte[32], recipient.PublicKey, "a"u8);
        Assert.Equal(MediBlocErrorCode.NotARecipient, Assert.Throws<AccessDeniedException>(() => X25519KeyWrap.Unwrap(wrapped, stranger, "a"u8)).Code);
        Assert.Equal(MediBlocErrorCode.NotARecipient, Assert.Throws<AccessDeniedException>(() => X25519KeyWrap.Unwrap(wrapped, recipient, "b"u8)).Code);
    }

    [Fact]
    public void Every_single_bit_flip_in_a_wrap_fails()
    {
        using var recipient = X25519PrivateKey.Generate();
        var wrapped = X25519KeyWrap.Wrap(RandomNumberGenerator.GetBytes(32), recipient.PublicKey);
        for (var bit = 0; bit < wrapped.Length * 8; bit++)
        {
            var tampered = (byte[])wrapped.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            var error = Record.Exception(() => X25519KeyWrap.Unwrap(tampered, recipient));
            Assert.True(error is AccessDeniedException or IntegrityException, $"bit {bit}: {error?.GetType().Name ?? "opened"}");
        }
    }

    [Fact]
    public void Unwrap_rejects_wrong_lengths_and_a_low_order_ephemeral_key_as_Format()
    {
        using var recipient = X25519PrivateKey.Generate();
        Assert.Equal(IntegrityCheck.Format, Assert.Throws<IntegrityException>(() => X25519KeyWrap.Unwrap(new byte[48], recipient)).Check);
        Assert.Equal(IntegrityCheck.Format, Assert.Throws<IntegrityException>(() => X25519KeyWrap.Unwrap(new byte[48 + 1025], recipient)).Check);
        var wrapped = X25519KeyWrap.Wrap(new byte[32], recipient.PublicKey);
        Array.Clear(wrapped, 0, 32); // u = 0: a low-order point
        var ex = Assert.Throws<IntegrityException>(() => X25519KeyWrap.Unwrap(wrapped, recipient));
        Assert.Equal(IntegrityCheck.Format, ex.Check);
    }

    [Fact]
    public void Wrap_rejects_empty_and_oversized_keys()
    {
        using var recipient = X25519PrivateKey.Generate();
        Assert.Throws<ArgumentException>(() => X25519KeyWrap.Wrap([], recipient.PublicKey));
        Assert.Throws<ArgumentException>(() => X25519KeyWrap.Wrap(new byte[1025], recipient.PublicKey));
        Assert.Throws<ArgumentNullException>(() => X25519KeyWrap.Wrap(new byte[32], null!));
    }

    /// <summary>The wire format as the README specifies it, recomputed here from the platform's HKDF and AES-GCM.</summary>
    [Fact]
    public void A_wrap_is_the_documented_HKDF_and_AES_GCM_over_the_X25519_shared_secret()
    {
        using var recipient = X25519PrivateKey.Generate();
        using var ephemeral = X25519PrivateKey.Generate();
        var dek = RandomNumberGenerator.GetBytes(32);
        var wrapped = X25519KeyWrap.Wrap(dek, recipient.PublicKey, "ad"u8, ephemeral);

        var shared = X25519KeyWrap.SharedSecret(ephemeral, recipient.PublicKey.ToBytes())!;
        var info = "MediBloc ECIES X25519 v1"u8.ToArray().Concat(ephemeral.PublicKey.ToBytes()).Concat(recipient.PublicKey.ToBytes()).ToArray();
        var derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 44, [], info);
        var ciphertext = new byte[32];
        var tag = new byte[16];
        using (var aes = new AesGcm(derived.AsSpan(0, 32), 16))
        {
            aes.Encrypt(derived.AsSpan(32), dek, ciphertext, tag, "ad"u8);
        }

        Assert.Equal(ephemeral.PublicKey.ToBytes().Concat(ciphertext).Concat(tag).ToArray(), wrapped);
    }

    /// <summary>The secp256k1 suite's wire format, recomputed with the platform's ECDH (OpenSSL), HKDF and AES-GCM.</summary>
    [Fact]
    public void A_secp256k1_wrap_is_the_documented_HKDF_and_AES_GCM_over_the_platform_ECDH_secret()
    {
        using var recipient = Secp256k1PrivateKey.Generate();
        using var ephemeral = Secp256k1PrivateKey.Generate();
        var dek = RandomNumberGenerator.GetBytes(32);
        var wrapped = EciesKeyWrap.Wrap(dek, recipient.PublicKey, "ad"u8, ephemeral);

        var curve = ECCurve.CreateFromValue("1.3.132.0.10");
        using var mine = ECDiffieHellman.Create(new ECParameters { Curve = curve, D = ephemeral.ExportPrivateKey(), Q = Point(ephemeral.PublicKey) });
        using var theirs = ECDiffieHellman.Create(new ECParameters { Curve = curve, Q = Point(recipient.PublicKey) });
        var shared = mine.DeriveRawSecretAgreement(theirs.PublicKey);
        var info = "MediBloc ECIES secp256k1 v1"u8.ToArray().Concat(ephemeral.PublicKey.ToCompressed()).Concat(recipient.PublicKey.ToCompressed()).ToArray();
        var derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 44, [], info);
        var ciphertext = new byte[32];
        var tag = new byte[16];
        using (var aes = new AesGcm(derived.AsSpan(0, 32), 16))
        {
            aes.Encrypt(derived.AsSpan(32), dek, ciphertext, tag, "ad"u8);
        }

        Assert.Equal(ephemeral.PublicKey.ToCompressed().Concat(ciphertext).Concat(tag).ToArray(), wrapped);
    }

    private static ECPoint Point(Secp256k1PublicKey key)
    {
        var uncompressed = key.ToUncompressed();
        return new ECPoint { X = uncompressed[1..33], Y = uncompressed[33..] };
    }
}

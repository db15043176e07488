using System.Security.Cryptography;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.KeyWrap;

public class EciesKeyWrapTests
{
    [Fact]
    public void Unwrap_returns_the_wrapped_key_for_its_recipient()
    {
        using var recipient = Secp256k1PrivateKey.Generate();
        var dek = RandomNumberGenerator.GetBytes(32);
        var wrapped = EciesKeyWrap.Wrap(dek, recipient.PublicKey, "context"u8);
        Assert.Equal(32 + EciesKeyWrap.Overhead, wrapped.Length);
        Assert.Equal(dek, EciesKeyWrap.Unwrap(wrapped, recipient, "context"u8));
    }

    [Fact]
    public void Wrapping_the_same_key_twice_gives_unlinkable_outputs()
    {
        using var recipient = Secp256k1PrivateKey.Generate();
        var dek = RandomNumberGenerator.GetBytes(32);
        var a = EciesKeyWrap.Wrap(dek, recipient.PublicKey);
        var b = EciesKeyWrap.Wrap(dek, recipient.PublicKey);
        Assert.NotEqual(a.AsSpan(0, 33).ToArray(), b.AsSpan(0, 33).ToArray());
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Unwrap_with_another_key_throws_AccessDeniedException_NotARecipient()
    {
        using var recipient = Secp256k1PrivateKey.Generate();
        using var stranger = Secp256k1PrivateKey.Generate();
        var wrapped = EciesKeyWrap.Wrap(new byte[32], recipient.PublicKey);
        var ex = Assert.Throws<AccessDeniedException>(() => EciesKeyWrap.Unwrap(wrapped, stranger));
        Assert.Equal(MediBlocErrorCode.NotARecipient, ex.Code);
    }

    [Fact]
    public void Unwrap_with_other_associated_data_fails()
    {
        using var recipient = Secp256k1PrivateKey.Generate();
        var wrapped = EciesKeyWrap.Wrap(new byte[32], recipient.PublicKey, "a"u8);
        Assert.Throws<AccessDeniedException>(() => EciesKeyWrap.Unwrap(wrapped, recipient, "b"u8));
    }

    [Fact]
    public void Unwrap_rejects_a_wrap_whose_ephemeral_key_is_not_a_point()
    {
        using var recipient = Secp256k1PrivateKey.Generate();
        var wrapped = EciesKeyWrap.Wrap(new byte[32], recipient.PublicKey);
        wrapped[0] = 0x05;
        Assert.Equal(IntegrityCheck.Format, Assert.Throws<IntegrityException>(() => EciesKeyWrap.Unwrap(wrapped, recipient)).Check);
        Assert.Equal(IntegrityCheck.Format, Assert.Throws<IntegrityException>(() => EciesKeyWrap.Unwrap(wrapped.AsSpan(0, 49), recipient)).Check);
    }

    [Fact]
    public void Ecdh_shared_secret_is_the_same_from_both_sides()
    {
        using var a = Secp256k1PrivateKey.Generate();
        using var b = Secp256k1PrivateKey.Generate();
        Assert.Equal(EciesKeyWrap.SharedSecret(a, b.PublicKey), EciesKeyWrap.SharedSecret(b, a.PublicKey));
    }
}

using System.Security.Cryptography;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Keys;

public class X25519KeyTests
{
    [Fact]
    public void RFC_7748_section_6_1_key_agreement_vector()
    {
        using var alice = X25519PrivateKey.Import(Convert.FromHexString("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
        using var bob = X25519PrivateKey.Import(Convert.FromHexString("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"));
        Assert.Equal("0x8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", alice.PublicKey.ToString());
        Assert.Equal("0xde9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", bob.PublicKey.ToString());
        var shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
        Assert.Equal(shared, Convert.ToHexString(X25519KeyWrap.SharedSecret(alice, bob.PublicKey.ToBytes())!).ToLowerInvariant());
        Assert.Equal(shared, Convert.ToHexString(X25519KeyWrap.SharedSecret(bob, alice.PublicKey.ToBytes())!).ToLowerInvariant());
    }

    [Fact]
    public void RFC_7748_section_5_2_scalar_multiplication_vector()
    {
        using var key = X25519PrivateKey.Import(Convert.FromHexString("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"));
        var output = X25519KeyWrap.SharedSecret(key, Convert.FromHexString("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"));
        Assert.Equal("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552", Convert.ToHexString(output!).ToLowerInvariant());
    }

    [Fact]
    public void DeriveFrom_is_deterministic_per_account_and_is_HKDF_SHA256_of_the_account_key()
    {
        using var account = Secp256k1PrivateKey.Generate();
        using var other = Secp256k1PrivateKey.Generate();
        using var a = X25519PrivateKey.DeriveFrom(account);
        using var b = X25519PrivateKey.DeriveFrom(account);
        using var c = X25519PrivateKey.DeriveFrom(other);
        Assert.Equal(a.PublicKey, b.PublicKey);
        Assert.NotEqual(a.PublicKey, c.PublicKey);

        var expected = HKDF.DeriveKey(HashAlgorithmName.SHA256, account.ExportPrivateKey(), 32, [], "MediBloc X25519 key from secp256k1 v1"u8.ToArray());
        Assert.Equal(expected, a.ExportPrivateKey());
        Assert.NotEqual(account.ExportPrivateKey(), a.ExportPrivateKey());
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e")]
    [InlineData("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a00")]
    public void Import_refuses_anything_but_32_bytes(string hex)
    {
        Assert.Throws<InvalidFormatException>(() => X25519PublicKey.Import(Convert.FromHexString(hex)));
        Assert.Throws<InvalidFormatException>(() => X25519PrivateKey.Import(Convert.FromHexString(hex)));
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")] // 0
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000")] // 1 (order 4 on the twist)
    [InlineData("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // p − 1 (order 2)
    [InlineData("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")] // order 8
    [InlineData("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157")] // order 8
    [InlineData("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // p, non-canonical 0
    [InlineData("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // p + 1, non-canonical 1
    [InlineData("0000000000000000000000000000000000000000000000000000000000000080")] // 0 with the ignored top bit set
    [InlineData("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7")] // order 8 with the top bit set
    public void Import_refuses_low_order_points_and_each_gives_an_all_zero_shared_secret(string hex)
    {
        var ex = Assert.Throws<InvalidFormatException>(() => X25519PublicKey.FromHex(hex));
        Assert.Contains("low-order", ex.Message);
        using var key = X25519PrivateKey.Generate();
        Assert.Null(X25519KeyWrap.SharedSecret(key, Convert.FromHexString(hex)));
    }

    [Fact]
    public void Public_keys_compare_by_bytes_and_round_trip_through_hex()
    {
        using var key = X25519PrivateKey.Generate();
        var copy = X25519PublicKey.FromHex(key.PublicKey.ToString());
        Assert.Equal(key.PublicKey, copy);
        Assert.True(key.PublicKey == copy);
        Assert.Equal(key.PublicKey.GetHashCode(), copy.GetHashCode());
        Assert.Equal(key.PublicKey.ToBytes(), copy.ToBytes());
        Assert.Throws<InvalidFormatException>(() => X25519PublicKey.FromHex("not hex"));
    }

    [Fact]
    public void Private_key_zeroes_on_dispose_and_ToString_shows_only_the_public_key()
    {
        var key = X25519PrivateKey.Generate();
        var secret = Convert.ToHexString(key.ExportPrivateKey());
        var text = key.ToString();
        Assert.Equal($"X25519PrivateKey({key.PublicKey})", text);
        Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        key.Dispose();
        Assert.Equal("X25519PrivateKey(disposed)", key.ToString());
        Assert.Throws<ObjectDisposedException>(() => key.ExportPrivateKey());
        Assert.Throws<ObjectDisposedException>(() => key.PublicKey);
    }
}

using System.Security.Cryptography;
using System.Text;
using MediBloc.Sdk.Crypto;
using Nethereum.Signer;

namespace MediBloc.Sdk.Crypto.Tests.Signing;

public class EcdsaTests
{
    [Fact]
    public void SignHash_gives_the_published_RFC_6979_signature_for_private_key_1_and_Satoshi_Nakamoto()
    {
        // Deterministic-k vector used across secp256k1 libraries (python-ecdsa, bitcoinjs, trezor-crypto):
        // d = 1, message SHA-256("Satoshi Nakamoto").
        var scalar = new byte[32];
        scalar[31] = 1;
        using var key = Secp256k1PrivateKey.Import(scalar);
        var signature = Secp256k1Ecdsa.SignHash(SHA256.HashData("Satoshi Nakamoto"u8), key);
        Assert.Equal(
            "3045022100934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d802202442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5",
            Convert.ToHexStringLower(signature.ToDer()));
    }

    [Fact]
    public void SignHash_agrees_with_Nethereum_byte_for_byte_including_v()
    {
        for (var i = 0; i < 20; i++)
        {
            using var key = Secp256k1PrivateKey.Generate();
            var hash = RandomNumberGenerator.GetBytes(32);
            var ours = Secp256k1Ecdsa.SignHash(hash, key);
            var theirs = new EthECKey(key.ExportPrivateKey(), true).SignAndCalculateV(hash);
            Assert.Equal(EthECDSASignature.CreateStringSignature(theirs), ours.ToString());
        }
    }

    [Fact]
    public void Signatures_are_low_S_verify_and_recover_the_signer()
    {
        using var key = Secp256k1PrivateKey.Generate();
        for (var i = 0; i < 20; i++)
        {
            var hash = RandomNumberGenerator.GetBytes(32);
            var signature = Secp256k1Ecdsa.SignHash(hash, key);
            Assert.True(signature.IsLowS);
            Assert.True(Secp256k1Ecdsa.VerifyHash(hash, signature, key.PublicKey));
            Assert.Equal(key.PublicKey, Secp256k1Ecdsa.RecoverPublicKey(hash, signature));
            Assert.Equal(signature, EcdsaSignature.FromRsv(signature.ToRsv()));
            Assert.Equal(signature.ToP1363(), EcdsaSignature.FromDer(signature.ToDer()).ToP1363());
        }
    }

    [Fact]
    public void VerifyHash_is_false_for_another_hash_or_another_key()
    {
        using var key = Secp256k1PrivateKey.Generate();
        using var other = Secp256k1PrivateKey.Generate();
        var hash = SHA256.HashData("lab result"u8);
        var signature = Secp256k1Ecdsa.SignHash(hash, key);
        Assert.False(Secp256k1Ecdsa.VerifyHash(SHA256.HashData("lab result!"u8), signature, key.PublicKey));
        Assert.False(Secp256k1Ecdsa.VerifyHash(hash, signature, other.PublicKey));
        Assert.NotEqual(key.PublicKey, Secp256k1Ecdsa.RecoverPublicKey(SHA256.HashData("x"u8), signature));
    }

    [Fact]
    public void The_high_S_twin_of_a_signature_verifies_but_is_not_low_S()
    {
        using var key = Secp256k1PrivateKey.Generate();
        var hash = SHA256.HashData("consent"u8);
        var signature = Secp256k1Ecdsa.SignHash(hash, key);
        var p1363 = signature.ToP1363();
        var n = System.Numerics.BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber, null);
        var s = new System.Numerics.BigInteger(p1363.AsSpan(32), isUnsigned: true, isBigEndian: true);
        var highS = (n - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        byte[] twin = [.. p1363.AsSpan(0, 32), .. new byte[32 - highS.Length], .. highS];
        var twinSignature = EcdsaSignature.FromP1363(twin);
        Assert.False(twinSignature.IsLowS);
        Assert.True(Secp256k1Ecdsa.VerifyHash(hash, twinSignature, key.PublicKey));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(66)]
    public void FromRsv_rejects_wrong_lengths(int length) =>
        Assert.Throws<InvalidFormatException>(() => EcdsaSignature.FromRsv(new byte[length]));

    [Fact]
    public void FromRsv_rejects_a_v_other_than_0_1_27_28_and_r_or_s_of_zero()
    {
        var valid = new byte[65];
        valid[31] = 1;
        valid[63] = 1;
        valid[64] = 29;
        Assert.Throws<InvalidFormatException>(() => EcdsaSignature.FromRsv(valid));
        valid[64] = 27;
        Assert.Equal(0, EcdsaSignature.FromRsv(valid).RecoveryId);
        valid[63] = 0;
        Assert.Throws<InvalidFormatException>(() => EcdsaSignature.FromRsv(valid));
    }

    [Fact]
    public void SignHash_rejects_a_hash_that_is_not_32_bytes()
    {
        using var key = Secp256k1PrivateKey.Generate();
        Assert.Throws<ArgumentException>(() => Secp256k1Ecdsa.SignHash(Encoding.UTF8.GetBytes("short"), key));
    }
}

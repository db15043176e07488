using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Keys;

public class Secp256k1PublicKeyTests
{
    // The generator point G of secp256k1 (SEC 2, section 2.4.1).
    private const string GCompressed = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    private const string GUncompressed = "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8";

    [Fact]
    public void Compressed_and_uncompressed_forms_of_one_point_are_equal()
    {
        var a = Secp256k1PublicKey.FromHex(GCompressed);
        var b = Secp256k1PublicKey.FromHex("0x" + GUncompressed);
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(Convert.FromHexString(GUncompressed), a.ToUncompressed());
        Assert.Equal(Convert.FromHexString(GCompressed), b.ToCompressed());
    }

    [Fact]
    public void The_public_key_of_scalar_one_is_the_generator()
    {
        using var one = Secp256k1PrivateKey.FromHex("0000000000000000000000000000000000000000000000000000000000000001");
        Assert.Equal(Secp256k1PublicKey.FromHex(GCompressed), one.PublicKey);
    }

    [Theory]
    [InlineData("00")] // point at infinity
    [InlineData("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8")] // 64 bytes, no prefix
    [InlineData("0679be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8")] // hybrid
    [InlineData("0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b9")] // off the curve
    [InlineData("020000000000000000000000000000000000000000000000000000000000000005")] // x with no y on the curve
    [InlineData("02fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc30")] // x = p + 1
    [InlineData("0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4")] // truncated
    [InlineData("3056301006072a8648ce3d020106052b8104000a034200")] // ASN.1 prefix
    public void Import_throws_InvalidFormatException_for_anything_but_a_raw_point_on_the_curve(string hex)
    {
        Assert.Throws<InvalidFormatException>(() => Secp256k1PublicKey.FromHex(hex));
    }

    [Fact]
    public void Address_matches_the_private_keys_address()
    {
        using var key = Secp256k1PrivateKey.Generate();
        var imported = Secp256k1PublicKey.Import(key.PublicKey.ToCompressed());
        Assert.Equal(key.Address, imported.Address);
    }
}

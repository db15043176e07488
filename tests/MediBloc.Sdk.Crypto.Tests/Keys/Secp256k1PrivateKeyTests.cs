using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Keys;

public class Secp256k1PrivateKeyTests
{
    // anvil's (and hardhat's) first development account, published in their documentation.
    private const string AnvilKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string AnvilAddress0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    [Fact]
    public void FromHex_derives_the_published_address_of_anvils_first_account()
    {
        using var key = Secp256k1PrivateKey.FromHex(AnvilKey0);
        Assert.Equal(AnvilAddress0, key.Address.ToString());
    }

    [Fact]
    public void FromHex_accepts_the_key_without_0x_prefix()
    {
        using var key = Secp256k1PrivateKey.FromHex(AnvilKey0[2..]);
        Assert.Equal(AnvilAddress0, key.Address.ToString());
    }

    [Fact]
    public void Generate_returns_distinct_keys_that_round_trip_through_export_and_import()
    {
        using var a = Secp256k1PrivateKey.Generate();
        using var b = Secp256k1PrivateKey.Generate();
        Assert.NotEqual(a.ExportPrivateKey(), b.ExportPrivateKey());
        using var again = Secp256k1PrivateKey.Import(a.ExportPrivateKey());
        Assert.Equal(a.PublicKey, again.PublicKey);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")] // n
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")]
    [InlineData("zz0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")]
    [InlineData("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff8000")]
    public void FromHex_throws_InvalidFormatException_for_keys_out_of_range_or_not_32_bytes(string hex)
    {
        var ex = Assert.Throws<InvalidFormatException>(() => Secp256k1PrivateKey.FromHex(hex));
        Assert.Equal(MediBlocErrorCode.InvalidFormat, ex.Code);
    }

    [Fact]
    public void Import_accepts_the_largest_valid_scalar()
    {
        using var key = Secp256k1PrivateKey.FromHex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140");
        Assert.Equal(65, key.PublicKey.ToUncompressed().Length);
    }

    [Fact]
    public void ToString_shows_the_address_and_never_the_key()
    {
        using var key = Secp256k1PrivateKey.FromHex(AnvilKey0);
        var text = key.ToString();
        Assert.Contains(AnvilAddress0, text, StringComparison.Ordinal);
        Assert.DoesNotContain("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", text.ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_makes_the_key_unusable()
    {
        var key = Secp256k1PrivateKey.Generate();
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.ExportPrivateKey());
        Assert.Throws<ObjectDisposedException>(() => key.PublicKey);
        Assert.DoesNotContain("0x", key.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_zeroes_the_key_bytes()
    {
        var key = Secp256k1PrivateKey.Generate();
        var field = typeof(Secp256k1PrivateKey).GetField("_d", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var bytes = (byte[])field.GetValue(key)!;
        Assert.Contains(bytes, b => b != 0);
        key.Dispose();
        Assert.All(bytes, b => Assert.Equal(0, b));
    }
}

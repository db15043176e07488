using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Aead;

public class AesGcmAeadTests
{
    [Fact]
    public void Open_returns_the_sealed_plaintext_and_every_seal_uses_a_new_nonce()
    {
        using var aead = AesGcmAead.Generate();
        var a = aead.Seal("hello"u8, "ad"u8);
        var b = aead.Seal("hello"u8, "ad"u8);
        Assert.NotEqual(a, b);
        Assert.Equal("hello"u8.ToArray(), aead.Open(a, "ad"u8));
        Assert.Equal(5 + AesGcmAead.Overhead, a.Length);
    }

    [Fact]
    public void Open_throws_IntegrityException_when_one_ciphertext_bit_flips()
    {
        using var aead = AesGcmAead.Generate();
        var sealedBytes = aead.Seal("hello"u8);
        for (var bit = 0; bit < sealedBytes.Length * 8; bit++)
        {
            var copy = (byte[])sealedBytes.Clone();
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
            var ex = Assert.Throws<IntegrityException>(() => aead.Open(copy));
            Assert.Equal(IntegrityCheck.Tag, ex.Check);
        }
    }

    [Fact]
    public void Open_throws_IntegrityException_for_other_associated_data_or_another_key()
    {
        using var aead = AesGcmAead.Generate();
        using var other = AesGcmAead.Generate();
        var sealedBytes = aead.Seal("hello"u8, "ad"u8);
        Assert.Equal(IntegrityCheck.Tag, Assert.Throws<IntegrityException>(() => aead.Open(sealedBytes, "ae"u8)).Check);
        Assert.Equal(IntegrityCheck.Tag, Assert.Throws<IntegrityException>(() => other.Open(sealedBytes, "ad"u8)).Check);
    }

    [Fact]
    public void Open_throws_IntegrityException_Format_for_a_message_shorter_than_nonce_and_tag()
    {
        using var aead = AesGcmAead.Generate();
        Assert.Equal(IntegrityCheck.Format, Assert.Throws<IntegrityException>(() => aead.Open(new byte[27])).Check);
    }

    [Fact]
    public void Import_of_an_exported_key_opens_what_the_original_sealed()
    {
        using var aead = AesGcmAead.Generate();
        using var copy = AesGcmAead.Import(aead.ExportKey());
        Assert.Equal("x"u8.ToArray(), copy.Open(aead.Seal("x"u8)));
        Assert.Throws<InvalidFormatException>(() => AesGcmAead.Import(new byte[16]));
        Assert.DoesNotContain(Convert.ToHexString(aead.ExportKey()), aead.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}

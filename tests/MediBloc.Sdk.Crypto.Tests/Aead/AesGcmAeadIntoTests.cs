using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Aead;

public class AesGcmAeadIntoTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(70_000)]
    public void SealInto_and_OpenInto_use_the_Seal_format_in_caller_buffers(int size)
    {
        using var aead = AesGcmAead.Generate();
        var plaintext = new byte[size];
        Random.Shared.NextBytes(plaintext);
        var sealedBytes = new byte[size + AesGcmAead.Overhead + 7];
        Assert.Equal(size + AesGcmAead.Overhead, aead.SealInto(plaintext, sealedBytes, "ad"u8));
        var message = sealedBytes.AsSpan(0, size + AesGcmAead.Overhead).ToArray();
        Assert.Equal(plaintext, aead.Open(message, "ad"u8));

        var opened = new byte[size + 3];
        Assert.Equal(size, aead.OpenInto(aead.Seal(plaintext, "ad"u8), opened, "ad"u8));
        Assert.Equal(plaintext, opened.AsSpan(0, size).ToArray());
    }

    [Fact]
    public void SealInto_and_OpenInto_reject_a_destination_that_is_too_short()
    {
        using var aead = AesGcmAead.Generate();
        Assert.Throws<ArgumentException>(() => aead.SealInto(new byte[10], new byte[10 + AesGcmAead.Overhead - 1]));
        var sealedBytes = aead.Seal(new byte[10]);
        Assert.Throws<ArgumentException>(() => aead.OpenInto(sealedBytes, new byte[9]));
    }

    [Fact]
    public void OpenInto_clears_the_destination_and_throws_Tag_when_a_bit_flips()
    {
        using var aead = AesGcmAead.Generate();
        var plaintext = new byte[64];
        Random.Shared.NextBytes(plaintext);
        var sealedBytes = aead.Seal(plaintext);
        sealedBytes[^1] ^= 0x80;
        var destination = new byte[64];
        Array.Fill(destination, (byte)0xAA);
        var ex = Assert.Throws<IntegrityException>(() => aead.OpenInto(sealedBytes, destination));
        Assert.Equal(IntegrityCheck.Tag, ex.Check);
        Assert.All(destination, b => Assert.Equal(0, b));
    }

    [Fact]
    public void SealInto_and_OpenInto_throw_after_Dispose()
    {
        var aead = AesGcmAead.Generate();
        var sealedBytes = aead.Seal("x"u8);
        aead.Dispose();
        Assert.Throws<ObjectDisposedException>(() => aead.SealInto("x"u8, new byte[64]));
        Assert.Throws<ObjectDisposedException>(() => aead.OpenInto(sealedBytes, new byte[64]));
    }
}

using System.Security.Cryptography;
using System.Text;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Hashing;

public class HashingTests
{
    [Theory]
    [InlineData("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")]
    [InlineData("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")]
    public void Keccak256_matches_known_Ethereum_digests(string input, string expected)
    {
        Assert.Equal(expected, Convert.ToHexStringLower(Keccak256.Hash(Encoding.ASCII.GetBytes(input))));
    }

    [Fact]
    public void Keccak256_of_the_transfer_signature_gives_the_ERC20_selector()
    {
        var hash = Keccak256.Hash("transfer(address,uint256)"u8);
        Assert.Equal("a9059cbb", Convert.ToHexStringLower(hash.AsSpan(0, 4)));
    }

    [Fact]
    public void Sha256_matches_the_FIPS_180_example_for_abc()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Convert.ToHexStringLower(Sha256Hash.Hash("abc"u8)));
        using var stream = new MemoryStream("abc"u8.ToArray());
        Assert.Equal(Sha256Hash.Hash("abc"u8), Sha256Hash.Hash(stream));
    }

    [Fact]
    public void SaltedCommitment_is_sha256_of_salt_then_plaintext_in_one_shot_and_incrementally()
    {
        var salt = SaltedCommitment.GenerateSalt();
        var plaintext = RandomNumberGenerator.GetBytes(1000);
        var expected = SHA256.HashData([.. salt, .. plaintext]);
        Assert.Equal(expected, SaltedCommitment.Compute(salt, plaintext));
        using var incremental = new SaltedCommitment(salt);
        incremental.Append(plaintext.AsSpan(0, 333));
        incremental.Append(plaintext.AsSpan(333));
        Assert.Equal(expected, incremental.GetCommitment());
        Assert.Throws<InvalidOperationException>(() => incremental.Append(plaintext));
    }

    [Fact]
    public void SaltedCommitment_rejects_a_salt_that_is_not_32_bytes()
    {
        Assert.Throws<ArgumentException>(() => SaltedCommitment.Compute(new byte[31], "x"u8));
    }

    [Fact]
    public void SaltedCommitment_differs_for_different_salts()
    {
        Assert.NotEqual(SaltedCommitment.Compute(SaltedCommitment.GenerateSalt(), "A+"u8), SaltedCommitment.Compute(SaltedCommitment.GenerateSalt(), "A+"u8));
    }
}

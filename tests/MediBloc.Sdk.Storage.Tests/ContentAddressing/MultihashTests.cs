namespace MediBloc.Sdk.Storage.Tests.ContentAddressing;

public class MultihashTests
{
    [Fact]
    public void Sha2_256_of_nothing_has_the_FIPS_digest_and_the_multihash_prefix()
    {
        var multihash = Multihash.Sha2_256([]);
        Assert.Equal("1220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexString(multihash.ToBytes()).ToLowerInvariant());
        Assert.Equal("sha2-256", multihash.Name);
        Assert.True(multihash.Matches([]));
        Assert.False(multihash.Matches([0]));
    }

    [Fact]
    public void Parse_reads_back_what_ToBytes_writes_and_equality_follows_the_digest()
    {
        var a = Multihash.Sha2_256("a"u8);
        Assert.Equal(a, Multihash.Parse(a.ToBytes()));
        Assert.NotEqual(a, Multihash.Sha2_256("b"u8));
        Assert.Equal(a.GetHashCode(), Multihash.Parse(a.ToBytes()).GetHashCode());
        var identity = Multihash.Identity("hi"u8);
        Assert.Equal([0x00, 0x02, (byte)'h', (byte)'i'], identity.ToBytes());
        Assert.True(identity.Matches("hi"u8));
    }

    [Theory]
    [InlineData("1220aa", "truncated")]
    [InlineData("1221" + "00000000000000000000000000000000000000000000000000000000000000000000", "32-byte digest")]
    [InlineData("1320" + "0000000000000000000000000000000000000000000000000000000000000000", "not supported")]
    [InlineData("12", "truncated")]
    [InlineData("1220" + "0000000000000000000000000000000000000000000000000000000000000000" + "00", "unexpected bytes")]
    public void Parse_throws_InvalidFormatException_naming_the_problem(string hex, string expected)
    {
        var error = Assert.Throws<InvalidFormatException>(() => Multihash.Parse(Convert.FromHexString(hex)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

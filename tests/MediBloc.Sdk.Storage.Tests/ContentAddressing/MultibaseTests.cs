using System.Text;

namespace MediBloc.Sdk.Storage.Tests.ContentAddressing;

public class MultibaseTests
{
    // RFC 4648 section 10 test vectors (lower case, no padding, as multibase writes base32).
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "my")]
    [InlineData("fo", "mzxq")]
    [InlineData("foo", "mzxw6")]
    [InlineData("foob", "mzxw6yq")]
    [InlineData("fooba", "mzxw6ytb")]
    [InlineData("foobar", "mzxw6ytboi")]
    public void Base32_matches_the_RFC_4648_vectors_both_ways(string text, string base32)
    {
        Assert.Equal(base32, Multibase.EncodeBase32(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(Encoding.ASCII.GetBytes(text), Multibase.Decode("b" + base32));
        Assert.Equal(Encoding.ASCII.GetBytes(text), Multibase.Decode("B" + base32.ToUpperInvariant()));
    }

    // Vectors from the multibase specification's test suite (multiformats/multibase, tests/).
    [Theory]
    [InlineData("Decentralize everything!!", "zUXE7GvtEk8XTXs1GF8HSGbVA9FCX9SEBPe")]
    [InlineData("yes mani !", "z7paNL19xttacUY")]
    [InlineData("hello world", "zStV1DL6CwTryKyV")]
    [InlineData("\0yes mani !", "z17paNL19xttacUY")]
    [InlineData("\0\0yes mani !", "z117paNL19xttacUY")]
    public void Base58btc_matches_the_multibase_vectors_both_ways(string text, string encoded)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        Assert.Equal(encoded, Multibase.Encode(bytes, MultibaseEncoding.Base58Btc));
        Assert.Equal(bytes, Multibase.Decode(encoded));
    }

    [Fact]
    public void Base58btc_round_trips_random_bytes_with_leading_zeros()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 80)];
            random.NextBytes(bytes);
            if (bytes.Length > 2 && i % 3 == 0)
            {
                bytes[0] = 0;
                bytes[1] = 0;
            }

            Assert.Equal(bytes, Multibase.Decode("z" + Multibase.EncodeBase58Btc(bytes)));
            Assert.Equal(bytes, Multibase.Decode(Multibase.Encode(bytes, MultibaseEncoding.Base32)));
        }
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("m", "prefix 'm'")]
    [InlineData("z0OIl", "not base58btc")]
    [InlineData("bmzxw1", "not base32")]
    [InlineData("fabc", "odd number")]
    public void Decode_throws_InvalidFormatException_naming_the_problem(string text, string expected)
    {
        var error = Assert.Throws<InvalidFormatException>(() => Multibase.Decode(text));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(MediBlocErrorCode.InvalidFormat, error.Code);
    }
}

using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.Crypto.Tests.Identities;

public class EvmAddressTests
{
    // The test vectors of EIP-55 (https://eips.ethereum.org/EIPS/eip-55).
    [Theory]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE7")]
    [InlineData("0x8617E340B3D01FA5F11F306F4090FD50E238070D")]
    [InlineData("0xde709f2102306220921060314715629080e2fb77")]
    [InlineData("0x27b1fdb04752bbc536007a920d24acb045561c26")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void ToString_writes_the_EIP55_checksum_of_the_specifications_vectors(string address)
    {
        var lower = "0x" + address[2..].ToLowerInvariant();
        var parsed = EvmAddress.Parse(lower);
        var expected = address.Any(char.IsLower) && address.Any(char.IsUpper) ? address : parsed.ToString();
        Assert.Equal(expected, parsed.ToString());
        Assert.Equal(parsed, EvmAddress.Parse(address));
    }

    [Fact]
    public void Parse_rejects_a_mixed_case_address_with_a_wrong_checksum()
    {
        Assert.Throws<InvalidFormatException>(() => EvmAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
        Assert.False(EvmAddress.TryParse("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe")]
    [InlineData("0xgaaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData(null)]
    public void TryParse_returns_false_for_text_that_is_not_an_address(string? text)
    {
        Assert.False(EvmAddress.TryParse(text, out _));
    }

    [Fact]
    public void ToBytes_round_trips_and_default_is_the_zero_address()
    {
        var address = EvmAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        Assert.Equal(address, new EvmAddress(address.ToBytes()));
        Assert.Equal("0x0000000000000000000000000000000000000000", default(EvmAddress).ToString());
        Assert.Equal(new EvmAddress(new byte[20]), default);
    }
}

using System.Text.Json;
using MediBloc.Sdk.Crypto;
using Nethereum.Util;

namespace MediBloc.Sdk.Crypto.Tests.Identities;

/// <summary>The 32-byte identities: a commitment, a record id and a content-type id each parse strictly, print one way and compare by value.</summary>
public sealed class Bytes32IdentityTests
{
    private const string Hex = "0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20";

    [Fact]
    public void Text_round_trips_in_lower_case_and_either_case_parses()
    {
        var commitment = Commitment.Parse(Hex.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal));

        Assert.Equal(Hex, commitment.ToString());
        Assert.Equal(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), commitment.ToBytes());
        Assert.Equal(commitment, new Commitment(commitment.AsSpan()));
        Assert.Equal(commitment.GetHashCode(), Commitment.Parse(Hex).GetHashCode());
        Assert.True(commitment == Commitment.Parse(Hex));
        Assert.True(commitment != default);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("0x1234")]
    [InlineData("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20")]
    [InlineData("0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2")]
    [InlineData("0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2000")]
    [InlineData("0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1fzz")]
    [InlineData("../../../../etc/passwd")]
    [InlineData(" 0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20")]
    public void Anything_but_0x_and_64_hex_digits_is_refused_with_a_typed_error(string text)
    {
        Assert.False(Commitment.TryParse(text, out _));
        Assert.False(RecordId.TryParse(text, out _));
        Assert.False(ContentTypeId.TryParse(text, out _));
        var error = Assert.Throws<InvalidFormatException>(() => RecordId.Parse(text));
        Assert.Contains("record id", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => Commitment.Parse(null!));
    }

    [Fact]
    public void Bytes_of_another_length_are_refused()
    {
        Assert.Throws<InvalidFormatException>(() => new Commitment(new byte[31]));
        Assert.Throws<InvalidFormatException>(() => new RecordId(new byte[33]));
        Assert.Throws<InvalidFormatException>(() => new ContentTypeId([]));
    }

    [Fact]
    public void The_default_value_is_32_zero_bytes()
    {
        Assert.Equal("0x" + new string('0', 64), default(RecordId).ToString());
        Assert.Equal(new byte[32], default(Commitment).ToBytes());
        Assert.Equal(default, new ContentTypeId(new byte[32]));
    }

    [Fact]
    public void Values_sort_by_their_bytes_like_their_text()
    {
        var values = new[] { "0x" + new string('f', 64), Hex, "0x" + new string('0', 63) + "1" }.Select(Commitment.Parse).ToArray();

        Assert.Equal(values.Select(v => v.ToString()).Order(StringComparer.Ordinal), values.Order().Select(v => v.ToString()));
        Assert.Equal(0, Commitment.Parse(Hex).CompareTo(Commitment.Parse(Hex.ToUpperInvariant().Replace("0X", "0x", StringComparison.Ordinal))));
    }

    [Fact]
    public void Record_id_is_keccak256_of_the_abi_encoded_owner_and_commitment()
    {
        var owner = EvmAddress.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        var commitment = Commitment.Parse(Hex);
        var encoded = "000000000000000000000000" + owner.ToString()[2..].ToLowerInvariant() + Hex[2..];

        var id = RecordId.Of(owner, commitment);

        Assert.Equal("0x" + Sha3Keccack.Current.CalculateHashFromHex(encoded), id.ToString());
        Assert.NotEqual(id, RecordId.Of(EvmAddress.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"), commitment));
    }

    [Fact]
    public void Content_type_id_is_keccak256_of_the_utf8_name()
    {
        Assert.Equal("0x" + Sha3Keccack.Current.CalculateHash("application/fhir+json"), ContentTypeId.Of("application/fhir+json").ToString());
        Assert.Throws<ArgumentException>(() => ContentTypeId.Of(""));
    }

    [Fact]
    public void Json_writes_the_text_form_and_reads_only_a_valid_one()
    {
        var value = new Holder(Commitment.Parse(Hex), EvmAddress.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"));

        var json = JsonSerializer.Serialize(value);

        Assert.Equal($$"""{"Commitment":"{{Hex}}","Owner":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"}""", json);
        Assert.Equal(value, JsonSerializer.Deserialize<Holder>(json));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Holder>("""{"Commitment":"../../etc/passwd"}"""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Holder>("""{"Commitment":42}"""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Holder>("""{"Owner":"0x70997970c51812dc3a010c7d01b50e0d17dc79C8"}"""));
    }

    private sealed record Holder(Commitment Commitment, EvmAddress Owner);
}

using MediBloc.Sdk.Crypto;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;

namespace MediBloc.Sdk.Crypto.Tests.Signing;

public class Eip712Tests
{
    /// <summary>The Mail example of the EIP-712 specification (assets/eip-712/Example.js), signed there with
    /// the key Keccak-256("cow").</summary>
    private const string Mail = """
        {
          "types": {
            "EIP712Domain": [
              { "name": "name", "type": "string" },
              { "name": "version", "type": "string" },
              { "name": "chainId", "type": "uint256" },
              { "name": "verifyingContract", "type": "address" }
            ],
            "Person": [
              { "name": "name", "type": "string" },
              { "name": "wallet", "type": "address" }
            ],
            "Mail": [
              { "name": "from", "type": "Person" },
              { "name": "to", "type": "Person" },
              { "name": "contents", "type": "string" }
            ]
          },
          "primaryType": "Mail",
          "domain": {
            "name": "Ether Mail",
            "version": "1",
            "chainId": 1,
            "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"
          },
          "message": {
            "from": { "name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" },
            "to": { "name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" },
            "contents": "Hello, Bob!"
          }
        }
        """;

    /// <summary>A grant with nested structs, arrays of structs and atoms, fixed arrays, signed and bytes types.</summary>
    private const string Grant = """
        {
          "types": {
            "EIP712Domain": [
              { "name": "name", "type": "string" },
              { "name": "version", "type": "string" },
              { "name": "chainId", "type": "uint256" },
              { "name": "verifyingContract", "type": "address" },
              { "name": "salt", "type": "bytes32" }
            ],
            "Scope": [
              { "name": "resourceTypes", "type": "string[]" },
              { "name": "cids", "type": "bytes[]" }
            ],
            "Grant": [
              { "name": "grantee", "type": "address" },
              { "name": "scopes", "type": "Scope[]" },
              { "name": "purpose", "type": "string" },
              { "name": "expiry", "type": "uint64" },
              { "name": "offset", "type": "int32" },
              { "name": "emergency", "type": "bool" },
              { "name": "tag", "type": "bytes4" },
              { "name": "window", "type": "uint16[2]" }
            ]
          },
          "primaryType": "Grant",
          "domain": {
            "name": "MediBloc Access",
            "version": "1",
            "chainId": 31337,
            "verifyingContract": "0x5FbDB2315678afecb367f032d93F642f64180aa3",
            "salt": "0x0101010101010101010101010101010101010101010101010101010101010101"
          },
          "message": {
            "grantee": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
            "scopes": [
              { "resourceTypes": ["Observation", "DiagnosticReport"], "cids": ["0x01551220aabb", "0x"] },
              { "resourceTypes": [], "cids": [] }
            ],
            "purpose": "TREAT",
            "expiry": 1798761600,
            "offset": -540,
            "emergency": false,
            "tag": "0xdeadbeef",
            "window": [8, 18]
          }
        }
        """;

    private static readonly Secp256k1PrivateKey Cow = Secp256k1PrivateKey.Import(Keccak256.Hash("cow"u8));

    [Fact]
    public void The_specification_Mail_example_gives_its_published_domain_separator_digest_and_signature()
    {
        Assert.Equal("f2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f", Convert.ToHexStringLower(Eip712.HashDomain(Mail)));
        Assert.Equal("be609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2", Convert.ToHexStringLower(Eip712.Hash(Mail)));
        var signature = Eip712.Sign(Mail, Cow);
        Assert.Equal(1, signature.RecoveryId);
        Assert.Equal(
            "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b915621c",
            signature.ToString());
        Assert.Equal(EvmAddress.Parse("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"), Eip712.RecoverSigner(Mail, signature));
        Assert.True(Eip712.Verify(Mail, signature, Cow.Address));
    }

    [Theory]
    [InlineData(Mail)]
    [InlineData(Grant)]
    public void Sign_agrees_with_Nethereum_Eip712TypedDataSigner_both_ways(string json)
    {
        using var key = Secp256k1PrivateKey.Generate();
        var signer = new Eip712TypedDataSigner();
        var theirs = signer.SignTypedDataV4(json, new EthECKey(key.ExportPrivateKey(), true));
        Assert.Equal(theirs, Eip712.Sign(json, key).ToString());
        Assert.Equal(key.Address, Eip712.RecoverSigner(json, EcdsaSignature.FromRsvHex(theirs)));
        Assert.Equal(key.Address.ToString(), signer.RecoverFromSignatureV4(json, Eip712.Sign(json, key).ToString()), ignoreCase: true);
    }

    [Fact]
    public void Changing_any_message_field_changes_the_digest()
    {
        var digest = Eip712.Hash(Grant);
        Assert.NotEqual(digest, Eip712.Hash(Grant.Replace("\"TREAT\"", "\"HRESCH\"", StringComparison.Ordinal)));
        Assert.NotEqual(digest, Eip712.Hash(Grant.Replace("-540", "-541", StringComparison.Ordinal)));
        Assert.NotEqual(digest, Eip712.Hash(Grant.Replace("\"chainId\": 31337", "\"chainId\": 1", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("\"expiry\": 1798761600", "\"expiry\": 18446744073709551616")]
    [InlineData("\"offset\": -540", "\"offset\": 2147483648")]
    [InlineData("\"tag\": \"0xdeadbeef\"", "\"tag\": \"0xdeadbe\"")]
    [InlineData("\"window\": [8, 18]", "\"window\": [8]")]
    [InlineData("\"emergency\": false", "\"emergency\": 0")]
    [InlineData("\"grantee\": \"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\"", "\"grantee\": \"0x7099\"")]
    [InlineData("\"type\": \"uint64\"", "\"type\": \"uint65\"")]
    [InlineData("\"type\": \"bytes4\"", "\"type\": \"Unknown\"")]
    [InlineData("\"purpose\": \"TREAT\",", "")]
    public void Values_that_do_not_fit_their_type_throw_InvalidFormatException(string from, string to)
    {
        var json = Grant.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Grant, json);
        Assert.Throws<InvalidFormatException>(() => Eip712.Hash(json));
    }

    [Fact]
    public void Malformed_json_throws_InvalidFormatException() =>
        Assert.Throws<InvalidFormatException>(() => Eip712.Hash("{\"types\": "));
}

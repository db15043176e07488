using System.Security.Cryptography;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.AccessGrants.Messages;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace MediBloc.Sdk.Tests.Contracts.AccessGrants;

/// <summary>EIP-712 grant hashing and signing, checked off chain (the integration tests check the contract agrees).</summary>
public sealed class GrantSigningTests
{
    private const string Contract = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    [Fact]
    public void Grant_typehash_is_keccak256_of_the_EIP712_type_string_the_contract_declares()
    {
        var encoded = Nethereum.ABI.EIP712.Eip712TypedDataEncoder.Current.GetEncodedType("Grant", typeof(GrantStruct));

        Assert.Equal("Grant(address owner,address grantee,uint8 scopeKind,bytes32 scope,bytes32 purpose,uint64 expiresAt,uint32 version,uint32 epoch,bytes32 salt)", encoded);
    }

    [Fact]
    public void Write_grant_typehash_is_the_EIP712_type_string_the_contract_declares_and_its_digest_differs_from_a_read_grants()
    {
        var encoded = Nethereum.ABI.EIP712.Eip712TypedDataEncoder.Current.GetEncodedType("WriteGrant", typeof(WriteGrantStruct));
        var read = SampleGrant();
        var write = new WriteGrantStruct { Owner = read.Owner, Author = read.Grantee, ScopeKind = 2, Scope = new byte[32], Purpose = read.Purpose, ExpiresAt = read.ExpiresAt, Salt = read.Salt };
        read.ScopeKind = 2;
        read.Scope = new byte[32];

        Assert.Equal("WriteGrant(address owner,address author,uint8 scopeKind,bytes32 scope,bytes32 purpose,uint64 expiresAt,uint32 version,uint32 epoch,bytes32 salt)", encoded);
        Assert.NotEqual(
            new GrantTypedDataSigner<GrantStruct>(31337, Contract, "Grant").Hash(read).ToHex(),
            new GrantTypedDataSigner<WriteGrantStruct>(31337, Contract, "WriteGrant").Hash(write).ToHex());
    }

    [Fact]
    public void Signed_grant_recovers_to_the_signing_key()
    {
        using var key = Secp256k1PrivateKey.Generate();
        var signer = new GrantTypedDataSigner<GrantStruct>(31337, Contract, "Grant");
        var grant = SampleGrant();

        var signature = signer.Sign(grant, key);

        Assert.Equal(65, signature.HexToByteArray().Length);
        Assert.Equal(key.Address.ToString(), AddressUtil.Current.ConvertToChecksumAddress(signer.Recover(grant, signature)));
    }

    [Theory]
    [InlineData("grantee")]
    [InlineData("scope")]
    [InlineData("purpose")]
    [InlineData("expiry")]
    [InlineData("salt")]
    [InlineData("version")]
    [InlineData("epoch")]
    public void Changing_any_field_changes_the_digest(string field)
    {
        var signer = new GrantTypedDataSigner<GrantStruct>(31337, Contract, "Grant");
        var original = SampleGrant();
        var changed = SampleGrant();
        switch (field)
        {
            case "grantee": changed.Grantee = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"; break;
            case "scope": changed.ScopeKind = 2; changed.Scope = new byte[32]; break;
            case "purpose": changed.Purpose = new Sha3Keccack().CalculateHash("HRESCH"u8.ToArray()); break;
            case "expiry": changed.ExpiresAt += 1; break;
            case "version": changed.Version += 1; break;
            case "epoch": changed.Epoch += 1; break;
            default: changed.Salt = RandomNumberGenerator.GetBytes(32); break;
        }

        Assert.NotEqual(signer.Hash(original).ToHex(), signer.Hash(changed).ToHex());
    }

    [Fact]
    public void Digest_is_bound_to_chain_and_contract()
    {
        var grant = SampleGrant();

        var here = new GrantTypedDataSigner<GrantStruct>(31337, Contract, "Grant").Hash(grant).ToHex();
        var otherChain = new GrantTypedDataSigner<GrantStruct>(1, Contract, "Grant").Hash(grant).ToHex();
        var otherContract = new GrantTypedDataSigner<GrantStruct>(31337, "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", "Grant").Hash(grant).ToHex();

        Assert.NotEqual(here, otherChain);
        Assert.NotEqual(here, otherContract);
    }

    [Fact]
    public void Record_scope_rejects_a_commitment_that_is_not_32_nonzero_bytes()
    {
        Assert.Throws<InvalidFormatException>(() => AccessScope.ForRecord(new RecordId(new byte[31])));
        Assert.Throws<ArgumentException>(() => AccessScope.ForRecord(new RecordId(new byte[32])));
    }

    [Fact]
    public void Content_type_scope_is_the_32_byte_content_type_id()
    {
        var scope = AccessScope.ForContentType("application/fhir+json");

        Assert.Equal(AccessScopeKind.ContentType, scope.Kind);
        Assert.Equal(new Sha3Keccack().CalculateHash("application/fhir+json"u8.ToArray()).ToHex(true), scope.Value);
    }

    [Fact]
    public void Purpose_id_is_keccak256_of_the_code()
    {
        Assert.Equal("0x" + new Sha3Keccack().CalculateHash("TREAT"), AccessGrantsClient.ComputePurposeId("TREAT"));
    }

    [Fact]
    public void A_malformed_owner_address_is_refused_before_any_grant_is_made()
    {
        // Grants carry EvmAddress values: the malformed text is refused when it is parsed, so no grant can hold it.
        Assert.Throws<InvalidFormatException>(() => EvmAddress.Parse("0x1234"));
        Assert.False(EvmAddress.TryParse("0x1234", out _));
    }

    private static GrantStruct SampleGrant() => new()
    {
        Owner = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
        Grantee = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
        ScopeKind = 0,
        Scope = Enumerable.Repeat((byte)0xAB, 32).ToArray(),
        Purpose = new Sha3Keccack().CalculateHash("TREAT"u8.ToArray()),
        ExpiresAt = 1_900_000_000,
        Salt = Enumerable.Repeat((byte)0x01, 32).ToArray(),
    };
}

using System.Globalization;
using System.Numerics;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.AccessGrants.Messages;
using MediBloc.Sdk.Contracts.SearchIndex;
using MediBloc.Sdk.Crypto;
using Nethereum.ABI.EIP712;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;

namespace MediBloc.Sdk.Tests.Contracts.AccessGrants;

/// <summary>
/// The SDK's EIP-712 digests and signatures (Crypto's encoder, used by grants and search-index updates) against
/// Nethereum's <see cref="Eip712TypedDataEncoder"/> and <see cref="Eip712TypedDataSigner"/> on random grants.
/// </summary>
public sealed class Eip712CrossCheckTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(0, 32)];

    [Fact]
    public void The_specification_Mail_example_has_the_published_digest_in_ours_and_Nethereums()
    {
        const string expected = "be609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2";

        Assert.Equal(expected, Convert.ToHexStringLower(Eip712.Hash(Mail)));
        Assert.Equal(expected, Convert.ToHexStringLower(Keccak256.Hash(Eip712TypedDataEncoder.Current.EncodeTypedData(Mail))));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Access_grant_digests_and_signatures_agree_with_Nethereum(int seed)
    {
        var random = new Random(seed);
        var (chainId, contract) = Deployment(random);
        var grant = new GrantStruct
        {
            Owner = Address(random), Grantee = Address(random), ScopeKind = (byte)random.Next(3), Scope = Bytes(random, 32),
            Purpose = Bytes(random, 32), ExpiresAt = (ulong)random.NextInt64(), Version = (uint)random.Next(), Epoch = (uint)random.Next(), Salt = Bytes(random, 32),
        };

        AssertAgrees(new GrantTypedDataSigner<GrantStruct>(chainId, contract, "Grant"), grant, NethereumTypedData<GrantStruct>(chainId, contract, "Grant"), random);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Write_grant_digests_and_signatures_agree_with_Nethereum(int seed)
    {
        var random = new Random(500 + seed);
        var (chainId, contract) = Deployment(random);
        var grant = new WriteGrantStruct
        {
            Owner = Address(random), Author = Address(random), ScopeKind = (byte)random.Next(3), Scope = Bytes(random, 32),
            Purpose = Bytes(random, 32), ExpiresAt = (ulong)random.NextInt64(), Version = (uint)random.Next(), Epoch = (uint)random.Next(), Salt = Bytes(random, 32),
        };

        AssertAgrees(new GrantTypedDataSigner<WriteGrantStruct>(chainId, contract, "WriteGrant"), grant, NethereumTypedData<WriteGrantStruct>(chainId, contract, "WriteGrant"), random);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Search_index_update_signatures_are_over_Nethereums_digest(int seed)
    {
        var random = new Random(900 + seed);
        var (chainId, contract) = Deployment(random);
        using var entryKey = Secp256k1PrivateKey.Import(Scalar(random));
        var handle = SearchEntryKey.Handle(entryKey);
        var status = (SearchEntryStatus)random.Next(3);
        var nonce = (uint)random.Next();
        var metadataHash = Bytes(random, 32);

        var signature = SearchEntryKey.SignUpdate(entryKey, chainId, contract, handle, status, nonce, metadataHash);

        var json = $$$"""
            {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
             "IndexUpdate":[{"name":"handle","type":"bytes32"},{"name":"status","type":"uint8"},{"name":"nonce","type":"uint32"},{"name":"metadataHash","type":"bytes32"}]},
             "primaryType":"IndexUpdate",
             "domain":{"name":"MediBloc SearchIndex","version":"2","chainId":{{{chainId}}},"verifyingContract":"{{{contract}}}"},
             "message":{"handle":"{{{handle.ToHex(true)}}}","status":{{{(int)status}}},"nonce":{{{nonce}}},"metadataHash":"{{{metadataHash.ToHex(true)}}}"}}
            """;
        var digest = Keccak256.Hash(Eip712TypedDataEncoder.Current.EncodeTypedData(json));
        var recovered = EthECKey.RecoverFromSignature(EthECDSASignatureFactory.FromComponents(signature[..32], signature[32..64], signature[64]), digest);
        Assert.Equal(entryKey.Address.ToString(), recovered.GetPublicAddress());
    }

    private static void AssertAgrees<TStruct>(GrantTypedDataSigner<TStruct> ours, TStruct grant, TypedData<Domain> nethereum, Random random)
    {
        Assert.Equal(Eip712TypedDataEncoder.Current.EncodeAndHashTypedData(grant, nethereum).ToHex(), ours.Hash(grant).ToHex());

        using var key = Secp256k1PrivateKey.Import(Scalar(random));
        var ourSignature = ours.Sign(grant, key);
        Assert.Equal(key.Address.ToString(), new Eip712TypedDataSigner().RecoverFromSignatureV4(grant, nethereum, ourSignature));

        var theirSignature = new Eip712TypedDataSigner().SignTypedDataV4(grant, nethereum, new EthECKey(key.ExportPrivateKey(), true)).EnsureHexPrefix();
        Assert.Equal(key.Address.ToString(), ours.Recover(grant, theirSignature));
    }

    private static TypedData<Domain> NethereumTypedData<TStruct>(long chainId, string contract, string primaryType) => new()
    {
        Domain = new Domain { Name = GrantTypedDataSigner<TStruct>.DomainName, Version = GrantTypedDataSigner<TStruct>.DomainVersion, ChainId = new BigInteger(chainId), VerifyingContract = contract },
        Types = MemberDescriptionFactory.GetTypesMemberDescription(typeof(Domain), typeof(TStruct)),
        PrimaryType = primaryType,
    };

    private static (long ChainId, string Contract) Deployment(Random random) =>
        (random.Next(2) == 0 ? 31337 : random.NextInt64(1, long.MaxValue), Address(random));

    private static string Address(Random random) => new EvmAddress(Bytes(random, 20)).ToString();

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Scalar(Random random)
    {
        var bytes = Bytes(random, 32);
        bytes[0] = (byte)(1 + (bytes[0] % 0xFE));
        return bytes;
    }

    /// <summary>The Mail example of the EIP-712 specification (assets/eip-712/Example.js).</summary>
    private const string Mail = """
        {
          "types": {
            "EIP712Domain": [
              { "name": "name", "type": "string" }, { "name": "version", "type": "string" },
              { "name": "chainId", "type": "uint256" }, { "name": "verifyingContract", "type": "address" }
            ],
            "Person": [ { "name": "name", "type": "string" }, { "name": "wallet", "type": "address" } ],
            "Mail": [ { "name": "from", "type": "Person" }, { "name": "to", "type": "Person" }, { "name": "contents", "type": "string" } ]
          },
          "primaryType": "Mail",
          "domain": { "name": "Ether Mail", "version": "1", "chainId": 1, "verifyingContract": "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC" },
          "message": {
            "from": { "name": "Cow", "wallet": "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" },
            "to": { "name": "Bob", "wallet": "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" },
            "contents": "Hello, Bob!"
          }
        }
        """;
}

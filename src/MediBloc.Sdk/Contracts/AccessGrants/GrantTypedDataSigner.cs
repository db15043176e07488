using System.Numerics;
using MediBloc.Sdk.Contracts.AccessGrants.Messages;
using Nethereum.ABI.EIP712;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;

namespace MediBloc.Sdk.Contracts.AccessGrants;

/// <summary>
/// EIP-712 hashing, signing and recovery of <c>Grant</c> (read) or <c>WriteGrant</c> structs for one
/// <c>AccessGrants</c> deployment. The only place the SDK touches an EIP-712 implementation (here
/// Nethereum.Signer.EIP712), so it can be replaced alone.
/// </summary>
/// <typeparam name="TStruct">The struct type (<see cref="GrantStruct"/> or <see cref="WriteGrantStruct"/>).</typeparam>
internal sealed class GrantTypedDataSigner<TStruct>
{
    /// <summary>The EIP-712 domain name the contract uses.</summary>
    public const string DomainName = "MediBloc AccessGrants";

    /// <summary>The EIP-712 domain version the contract uses.</summary>
    public const string DomainVersion = "2";

    private readonly TypedData<Domain> _typedData;

    public GrantTypedDataSigner(long chainId, string verifyingContract, string primaryType)
    {
        _typedData = new TypedData<Domain>
        {
            Domain = new Domain
            {
                Name = DomainName,
                Version = DomainVersion,
                ChainId = new BigInteger(chainId),
                VerifyingContract = verifyingContract,
            },
            Types = MemberDescriptionFactory.GetTypesMemberDescription(typeof(Domain), typeof(TStruct)),
            PrimaryType = primaryType,
        };
    }

    /// <summary>The digest the signer signs: keccak256(0x1901 || domainSeparator || hashStruct(grant)).</summary>
    public byte[] Hash(TStruct grant) => Eip712TypedDataEncoder.Current.EncodeAndHashTypedData(grant, _typedData);

    /// <summary>Signs the grant with a raw 32-byte secp256k1 key; returns the 65-byte signature as 0x-hex.</summary>
    public string Sign(TStruct grant, byte[] privateKey)
    {
        var key = new EthECKey(privateKey, true);
        return new Eip712TypedDataSigner().SignTypedDataV4(grant, _typedData, key).EnsureHexPrefix();
    }

    /// <summary>The account that signed the grant.</summary>
    public string Recover(TStruct grant, string signature) =>
        new Eip712TypedDataSigner().RecoverFromSignatureV4(grant, _typedData, signature);
}

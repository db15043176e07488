using MediBloc.Sdk.Crypto.Signers;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using MediBloc.Sdk.Contracts.AccessGrants.Messages;
using MediBloc.Sdk.Crypto;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace MediBloc.Sdk.Contracts.AccessGrants;

/// <summary>
/// EIP-712 hashing, signing and recovery of <c>Grant</c> (read) or <c>WriteGrant</c> structs for one
/// <c>AccessGrants</c> deployment, through <see cref="Eip712"/> (MediBloc.Sdk.Crypto). The struct's fields and their
/// Solidity types come from the generated binding's <see cref="ParameterAttribute"/>s, in ABI order.
/// </summary>
/// <typeparam name="TStruct">The struct type (<see cref="GrantStruct"/> or <see cref="WriteGrantStruct"/>).</typeparam>
internal sealed class GrantTypedDataSigner<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TStruct>
{
    /// <summary>The EIP-712 domain name the contract uses.</summary>
    public const string DomainName = "MediBloc AccessGrants";

    /// <summary>The EIP-712 domain version the contract uses.</summary>
    public const string DomainVersion = "2";

    private static readonly (PropertyInfo Property, ParameterAttribute Parameter)[] Fields =
        [.. typeof(TStruct).GetProperties()
            .Select(p => (Property: p, Parameter: p.GetCustomAttribute<ParameterAttribute>()!))
            .Where(f => f.Parameter is not null)
            .OrderBy(f => f.Parameter.Order)];

    private readonly long _chainId;
    private readonly string _verifyingContract;
    private readonly string _primaryType;

    public GrantTypedDataSigner(long chainId, string verifyingContract, string primaryType)
    {
        _chainId = chainId;
        _verifyingContract = verifyingContract;
        _primaryType = primaryType;
    }

    /// <summary>The digest the signer signs: keccak256(0x1901 || domainSeparator || hashStruct(grant)).</summary>
    public byte[] Hash(TStruct grant) => Eip712.Hash(Json(grant));

    /// <summary>Signs the grant; returns the 65-byte signature (r ‖ s ‖ v, v = 27 or 28) as 0x-hex.</summary>
    public string Sign(TStruct grant, Secp256k1PrivateKey key) =>
        "0x" + Convert.ToHexString(Eip712.Sign(Json(grant), key).ToRsv()).ToLowerInvariant();

    /// <summary>Signs the grant through a signer; returns the 65-byte signature as 0x-hex.</summary>
    public async Task<string> SignAsync(TStruct grant, MediBlocSigner signer, CancellationToken cancellationToken) =>
        "0x" + Convert.ToHexString((await signer.SignTypedDataAsync(Json(grant), cancellationToken).ConfigureAwait(false)).ToRsv()).ToLowerInvariant();

    /// <summary>The account (checksummed) that signed the grant.</summary>
    /// <exception cref="InvalidFormatException">The signature is not 65 bytes of hex with v in 0, 1, 27, 28, or r or s is out of range.</exception>
    /// <exception cref="IntegrityException">No key fits the signature.</exception>
    public string Recover(TStruct grant, string signature) =>
        Eip712.RecoverSigner(Json(grant), EcdsaSignature.FromRsvHex(signature)).ToString();

    private string Json(TStruct grant) =>
        TypedDataJson.Write(DomainName, DomainVersion, _chainId, _verifyingContract, _primaryType,
            [.. Fields.Select(f => new TypedDataJson.Field(f.Parameter.Name, f.Parameter.Type, f.Property.GetValue(grant)!))]);
}

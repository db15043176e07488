using MediBloc.Sdk;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.EmergencyAccess;
using Nethereum.Hex.HexConvertors.Extensions;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.IntegrationTests.Infrastructure;

/// <summary>A fresh registry and grants contract; the honest owner (a devnet account) and an adversary with its own funded key.</summary>
internal sealed record AttackSetup(
    ChainUnderTest Chain,
    RecordRegistryClient Registry,
    AccessGrantsClient Owner,
    AccessGrantsClient OwnerAsMinor,
    AccessGrantsClient Guardian,
    AccessGrantsClient Attacker,
    Adversary Adversary,
    ChainConnection OwnerConnection)
{
    private const string Treatment = "TREAT";

    public EvmAddress OwnerAddress => EvmAddress.Parse(Chain.Devnet.Accounts[ChainTestKit.AccessOwner].Address);
    public EvmAddress GuardianAddress => EvmAddress.Parse(Chain.Devnet.Accounts[ChainTestKit.AccessGuardian].Address);
    public EvmAddress AttackerAddress => Adversary.Address;
    public Secp256k1PrivateKey OwnerKey => Secp256k1PrivateKey.FromHex(Chain.Devnet.Accounts[ChainTestKit.AccessOwner].PrivateKey);
    public Secp256k1PrivateKey AttackerKey => Secp256k1PrivateKey.FromHex(Adversary.PrivateKey);

    public static async Task<AttackSetup> CreateAsync(ChainUnderTest chain)
    {
        var owner = chain.ConnectAccount(ChainTestKit.AccessOwner);
        var registry = await RecordRegistryClient.DeployAsync(owner);
        var grants = await AccessGrantsClient.DeployAsync(owner, registry.ContractAddress);
        var adversary = await Adversary.CreateAsync(chain);
        return new AttackSetup(
            chain,
            registry,
            grants,
            grants,
            new AccessGrantsClient(chain.ConnectAccount(ChainTestKit.AccessGuardian), grants.ContractAddress),
            new AccessGrantsClient(adversary.Connect(), grants.ContractAddress),
            adversary,
            owner);
    }

    /// <summary>keccak256(abi.encode(owner, commitment)): the record id of protocol v2.</summary>
    public static string RecordIdHex(EvmAddress owner, string commitmentHex) => RecordId(owner, commitmentHex.HexToByteArray()).ToHex(true);

    /// <summary>keccak256(abi.encode(owner, commitment)) as bytes.</summary>
    public static byte[] RecordId(EvmAddress owner, byte[] commitment) =>
        Nethereum.Util.Sha3Keccack.Current.CalculateHash([.. new byte[12], .. owner.ToBytes(), .. commitment]);

    public async Task<byte[]> AnchorAsync()
    {
        var commitment = ChainTestKit.RandomCommitment();
        await Registry.AnchorAsync(new Commitment(commitment), "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u", "application/fhir+json");
        return RecordId(OwnerAddress, commitment);
    }

    /// <summary>The owner signs a grant to the attacker against the slot's current version.</summary>
    public async Task<SignedAccessGrant> SignAsync(AccessScope scope, DateTimeOffset expiresAt)
    {
        var grant = await Owner.PrepareGrantAsync(new AccessGrant(OwnerAddress, AttackerAddress, scope, Treatment, expiresAt));
        using var key = OwnerKey;
        return Owner.SignGrant(grant, key);
    }

    /// <summary>EmergencyAccess over the registry; the attacker is a certified emergency provider. Returns it as the patient and as the paramedic.</summary>
    public async Task<(EmergencyAccessClient Patient, EmergencyAccessClient Paramedic)> EmergencyAsync()
    {
        // The owner's one connection: a second connection of the same key would reuse its nonces.
        var owner = OwnerConnection;
        var credentials = await CredentialsClient.DeployAsync(owner);
        await credentials.SetAuthorityAsync(OwnerAddress, true);
        await credentials.CertifyAsync(AttackerAddress, CredentialRole.EmergencyProvider, (await Chain.ChainTimeAsync()).AddDays(30));
        var emergency = await EmergencyAccessClient.DeployAsync(owner, Registry.ContractAddress, credentials.ContractAddress);
        return (emergency, new EmergencyAccessClient(Adversary.Connect(), emergency.ContractAddress));
    }
}

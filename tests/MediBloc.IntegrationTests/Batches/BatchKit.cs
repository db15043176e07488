using System.Numerics;
using MediBloc.IntegrationTests.EmbeddedChain;
using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Web3.Accounts;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.IntegrationTests.Batches;

/// <summary>
/// One chain (anvil or the embedded chain) with the whole suite deployed by a fresh funded key, beside the devnet's
/// IPFS node; clients and typed contract clients made the same way for both backends.
/// </summary>
internal sealed class BatchKit
{
    private BatchKit(ChainUnderTest chain, MediBlocDeployment deployment, Secp256k1PrivateKey deployer)
    {
        Chain = chain;
        Deployment = deployment;
        Deployer = deployer;
    }

    public ChainUnderTest Chain { get; }

    public MediBlocDeployment Deployment { get; }

    public Secp256k1PrivateKey Deployer { get; }

    public static async Task<BatchKit> StartAsync(DevnetFixture fixture, ChainBackend backend)
    {
        var chain = ChainUnderTest.Create(backend, fixture.Devnet);
        var deployer = await FundedKeyAsync(chain);
        var deployment = chain.Embedded is { } embedded
            ? await embedded.DeployMediBlocContractsAsync(deployer)
            : await MediBlocClient.DeployContractsAsync(fixture.Devnet.RpcUrl, deployer, Contracts.ChainTestKit.FastOptions());
        return new BatchKit(chain, deployment, deployer);
    }

    /// <summary>A fresh key with 100 ETH for gas on this chain.</summary>
    public Task<Secp256k1PrivateKey> FundedKeyAsync() => FundedKeyAsync(Chain);

    private static async Task<Secp256k1PrivateKey> FundedKeyAsync(ChainUnderTest chain)
    {
        var key = Secp256k1PrivateKey.Generate();
        await chain.SetBalanceAsync(key.Address.ToString(), BigInteger.Parse("100000000000000000000", System.Globalization.CultureInfo.InvariantCulture));
        return key;
    }

    /// <summary>A new client (so nothing is cached from an earlier one) on this chain and the devnet's IPFS node.</summary>
    public MediBlocClient Client(IRecordOutbox? outbox = null, IContentStore? store = null, int? threshold = null)
    {
        var options = new MediBlocClientOptions
        {
            ChainRpcUrl = Chain.Embedded is null ? Chain.Devnet.RpcUrl : null,
            ChainClient = Chain.Embedded?.CreateRpcClient(),
            ContentStore = store ?? Store(),
            Outbox = outbox ?? new InMemoryRecordOutbox(),
            Chain = Contracts.ChainTestKit.FastOptions(),
        }.UseDeployment(Deployment);
        if (threshold is { } t)
        {
            options.BatchAnchorThreshold = t;
        }
        return new MediBlocClient(options);
    }

    public IContentStore Store() => new IpfsContentStore(new KuboRpcClient(Chain.Devnet.IpfsApiUrl));

    public ChainConnection Connect(Secp256k1PrivateKey key) =>
        new(Chain.Client, new Account(key.ExportPrivateKey().ToHex(true), Chain.ChainId), Contracts.ChainTestKit.FastOptions());

    public RecordRegistryClient Registry(Secp256k1PrivateKey key) => new(Connect(key), Deployment.RecordRegistryAddress);

    public async Task CertifyAsync(string account, CredentialRole role)
    {
        var now = await Chain.ChainTimeAsync();
        await new CredentialsClient(Connect(Deployer), Deployment.CredentialsAddress!).CertifyAsync(account, role, now.AddYears(1));
    }

    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }
        return list;
    }
}

using System.Net.Http.Json;
using System.Numerics;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.EmbeddedChain;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Testing;
using Nethereum.JsonRpc.Client;

namespace MediBloc.Samples.HospitalAdapter.Tests;

/// <summary>
/// Where the adapter runs in a test: the embedded chain with a local store (the sample's default), or the devnet's
/// anvil and js-ipfs (real nodes). Either way, fresh contracts, a way to fund accounts and certify the hospital, and a
/// content store that counts what is put into it.
/// </summary>
public abstract class AdapterNetwork
{
    private static readonly ChainConnectionOptions Fast = new()
    {
        ReceiptPollingInterval = TimeSpan.FromMilliseconds(10),
        ReceiptTimeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>The contracts deployed for this test.</summary>
    public MediBlocDeployment Deployment { get; protected set; } = null!;

    /// <summary>The chain's authority (the deployer): certifies providers.</summary>
    public Secp256k1PrivateKey Authority { get; protected set; } = null!;

    /// <summary>The content store every client of this test uses, counting puts.</summary>
    public CountingStore Store { get; protected set; } = null!;

    /// <summary>A client on this network with <paramref name="outbox"/> (and another store, when given).</summary>
    public MediBlocClient Client(Sdk.Outbox.IRecordOutbox outbox, IContentStore? store = null)
    {
        var options = new MediBlocClientOptions { ContentStore = store ?? Store, Outbox = outbox, Chain = Fast }.UseDeployment(Deployment);
        Configure(options);
        return new MediBlocClient(options);
    }

    /// <summary>Gives <paramref name="account"/> gas money.</summary>
    public abstract Task FundAsync(EvmAddress account);

    /// <summary>A registry client for reading events.</summary>
    public RecordRegistryClient Registry() => new(Connect(Authority), Deployment.RecordRegistryAddress);

    /// <summary>Certifies the hospital as a provider for a year.</summary>
    public Task CertifyAsync(EvmAddress hospital) =>
        new CredentialsClient(Connect(Authority), Deployment.CredentialsAddress!.Value).CertifyAsync(hospital, CredentialRole.Provider, DateTimeOffset.UtcNow.AddYears(1));

    protected abstract void Configure(MediBlocClientOptions options);

    protected abstract ChainConnection Connect(Secp256k1PrivateKey key);

    /// <summary>The sample's default: an in-process chain and a local store under <paramref name="root"/>.</summary>
    public sealed class Embedded : AdapterNetwork
    {
        private InProcessChain _chain = null!;

        public static async Task<AdapterNetwork> StartAsync(string root)
        {
            var network = new Embedded { _chain = new InProcessChain() };
            network.Deployment = await network._chain.DeployMediBlocContractsAsync();
            network.Authority = Secp256k1PrivateKey.FromHex(network._chain.Accounts[0].PrivateKey);
            network.Store = new CountingStore(new LocalContentStore(Path.Combine(root, "store")));
            return network;
        }

        public override Task FundAsync(EvmAddress account)
        {
            _chain.SetBalance(account.ToString(), BigInteger.Pow(10, 20));
            return Task.CompletedTask;
        }

        protected override void Configure(MediBlocClientOptions options) => options.UseInProcessChain(_chain);

        protected override ChainConnection Connect(Secp256k1PrivateKey key) =>
            new(_chain.CreateRpcClient(), new Nethereum.Web3.Accounts.Account(key.ExportPrivateKey(), _chain.ChainId), Fast);
    }

    /// <summary>Real nodes: the devnet's anvil and js-ipfs.</summary>
    public sealed class Devnet : AdapterNetwork
    {
        private Sdk.Testing.Devnet _devnet = null!;

        public static async Task<AdapterNetwork> StartAsync(Sdk.Testing.Devnet devnet)
        {
            var network = new Devnet { _devnet = devnet };
            network.Authority = Secp256k1PrivateKey.FromHex(devnet.Accounts[0].PrivateKey);
            network.Deployment = await MediBlocClient.DeployContractsAsync(devnet.RpcUrl, network.Authority, Fast);
            network.Store = new CountingStore(new IpfsContentStore(new KuboRpcClient(devnet.IpfsApiUrl)));
            return network;
        }

        public override async Task FundAsync(EvmAddress account)
        {
            using var http = new HttpClient();
            var request = new { jsonrpc = "2.0", id = 1, method = "anvil_setBalance", @params = new object[] { account.ToString(), "0x56BC75E2D63100000" } };
            using var response = await http.PostAsJsonAsync(_devnet.RpcUrl, request);
            response.EnsureSuccessStatusCode();
        }

        protected override void Configure(MediBlocClientOptions options) => options.ChainRpcUrl = _devnet.RpcUrl;

        protected override ChainConnection Connect(Secp256k1PrivateKey key) =>
            new(_devnet.RpcUrl, Convert.ToHexString(key.ExportPrivateKey()), _devnet.ChainId, Fast);
    }
}

/// <summary>A content store that counts the envelopes and manifests put into it (one by one or many at once).</summary>
public sealed class CountingStore(IContentStore inner) : IContentStore
{
    private int _puts;

    public int Puts => _puts;

    public bool Down { get; set; }

    public Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        if (Down)
        {
            throw new StorageException("The content store is down.", MediBlocErrorCode.NodeUnavailable);
        }
        Interlocked.Increment(ref _puts);
        return inner.PutAsync(content, cancellationToken);
    }

    public Task<Stream> OpenReadAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.OpenReadAsync(cid, cancellationToken);

    public Task<bool> ExistsAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.ExistsAsync(cid, cancellationToken);

    public Task PinAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.PinAsync(cid, cancellationToken);

    public Task UnpinAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.UnpinAsync(cid, cancellationToken);

    public Task<ContentInfo> GetInfoAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.GetInfoAsync(cid, cancellationToken);

    public IAsyncEnumerable<ContentId> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public Task<bool> DeleteAsync(ContentId cid, CancellationToken cancellationToken = default) => inner.DeleteAsync(cid, cancellationToken);
}

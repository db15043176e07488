using System.Numerics;
using MediBloc.Sdk;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.EmergencyAccess;
using MediBloc.Sdk.Contracts.MediPoints;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.EmbeddedChain;
using MediBloc.Sdk.Fhir;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage.Local;
using MediBloc.Sdk.Testing;
using Nethereum.Web3;
using Nethereum.Web3.Accounts;

namespace MediBloc.Samples.Web.Node;

/// <summary>
/// The app's connection to the platform: one <see cref="MediBlocClient"/> over a chain (in-process, the devnet or
/// given nodes) and a content store, the deployed contracts, and the development conveniences that make every flow
/// reachable on a fresh chain: dev accounts fund new keys, and a demo authority certifies clinicians, paramedics and
/// researchers. Neither exists on a real network.
/// </summary>
public sealed class PhrNode : IAsyncDisposable
{
    // anvil's first dev key (public test mnemonic): only for a local chain.
    private const string AnvilKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static readonly BigInteger GasFunding = BigInteger.Pow(10, 19); // 10 ETH
    private readonly Secp256k1PrivateKey _authority;
    private readonly InProcessChain? _chain;
    private readonly Devnet? _devnet;
    private readonly Web3 _authorityWeb3;
    private readonly ChainConnection _authorityConnection;
    private readonly Func<ChainConnection> _connect;
    private readonly bool _deleteFolder;
    private readonly SemaphoreSlim _authorityLock = new(1, 1);

    private PhrNode(MediBlocClient client, MediBlocDeployment deployment, Secp256k1PrivateKey authority, InProcessChain? chain, Devnet? devnet,
        Web3 authorityWeb3, Func<ChainConnection> connect, string folder, bool deleteFolder, string chainDescription, string storeDescription)
    {
        Client = client;
        Deployment = deployment;
        _authority = authority;
        _chain = chain;
        _devnet = devnet;
        _authorityWeb3 = authorityWeb3;
        _connect = connect;
        _authorityConnection = connect();
        Folder = folder;
        _deleteFolder = deleteFolder;
        ChainDescription = chainDescription;
        StoreDescription = storeDescription;
        Bundles = new FhirBundlePublisher(client);
    }

    /// <summary>The client every page uses (thread-safe, one per app).</summary>
    public MediBlocClient Client { get; }

    /// <summary>The deployed contracts.</summary>
    public MediBlocDeployment Deployment { get; }

    /// <summary>Publishes and reopens FHIR bundles.</summary>
    public FhirBundlePublisher Bundles { get; }

    /// <summary>The app's data folder: keystores and (without IPFS) the content store.</summary>
    public string Folder { get; }

    /// <summary>The local content store's folder, when content is kept on the device.</summary>
    public string? StoreFolder => Client.ContentStore is LocalContentStore ? Path.Combine(Folder, "store") : null;

    /// <summary>What the chain is, for the status line.</summary>
    public string ChainDescription { get; }

    /// <summary>What the content store is, for the status line.</summary>
    public string StoreDescription { get; }

    /// <summary>Starts (or connects to) the chain and the store, and deploys the contracts.</summary>
    public static async Task<PhrNode> StartAsync(WebAppSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var rpc = settings.RpcUrl;
        var ipfs = settings.IpfsUrl;
        Devnet? devnet = null;
        if (settings.StartDevnet && (rpc is null || ipfs is null))
        {
            devnet = await Devnet.StartAsync(new DevnetOptions { StartChain = rpc is null, StartIpfs = ipfs is null }, cancellationToken);
            rpc ??= devnet.RpcUrl;
            ipfs ??= devnet.IpfsApiUrl;
        }
        var chain = rpc is null ? new InProcessChain() : null;
        var deleteFolder = settings.DataFolder is null;
        var folder = settings.DataFolder ?? Directory.CreateTempSubdirectory("medibloc-web-").FullName;
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var authorityHex = settings.DeployerKey ?? AnvilKey0;
        var authority = Secp256k1PrivateKey.FromHex(authorityHex);
        var deployment = chain is not null
            ? await chain.DeployMediBlocContractsAsync(authority, cancellationToken)
            : await MediBlocClient.DeployContractsAsync(rpc!, authority, cancellationToken: cancellationToken);
        // The relayer sends patients' research consents, so that no transaction of theirs names their account.
        var relayer = Secp256k1PrivateKey.Generate();
        var options = new MediBlocClientOptions
        {
            RelayerKey = relayer,
            ChainClient = chain?.CreateRpcClient(),
            ChainRpcUrl = rpc,
            IpfsApiUrl = ipfs,
            ContentStore = ipfs is null ? new LocalContentStore(Path.Combine(folder, "store")) : null,
            Outbox = new FileRecordOutbox(Path.Combine(folder, "outbox")),
        }.UseDeployment(deployment);
        var client = new MediBlocClient(options);
        var account = new Account(authorityHex, deployment.ChainId);
        var web3 = chain is not null ? new Web3(account, chain.CreateRpcClient()) : new Web3(account, rpc!.ToString());
        web3.TransactionManager.TransactionReceiptService =
            new Nethereum.RPC.TransactionReceipts.TransactionReceiptPollingService(web3.TransactionManager, 10);
        if (chain is not null)
        {
            chain.SetBalance(relayer.Address.ToString(), GasFunding);
        }
        else
        {
            await web3.Eth.GetEtherTransferService().TransferEtherAndWaitForReceiptAsync(relayer.Address.ToString(), 10m, cancellationToken: cancellationToken);
        }
        ChainConnection Connect() => chain is not null ? new ChainConnection(chain.CreateRpcClient(), account) : new ChainConnection(rpc!, account);
        var connection = Connect();
        // Provider-authored FHIR records earn MediPoints.
        await new MediPointsClient(connection, deployment.MediPointsAddress!.Value).SetRateAsync(FhirContentTypes.ResourceJson, 10, cancellationToken);
        return new PhrNode(client, deployment, authority, chain, devnet, web3, Connect, folder, deleteFolder,
            chain is not null ? $"in-process EVM chain {deployment.ChainId} (no node)" : $"EVM JSON-RPC {rpc}",
            ipfs is null ? "local content store on this device" : $"IPFS {ipfs}");
    }

    /// <summary>The chain's latest block time: what contracts compare expiries with.</summary>
    public async Task<DateTimeOffset> ChainTimeAsync(CancellationToken cancellationToken = default)
    {
        var block = await _authorityWeb3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber
            .SendRequestAsync(Nethereum.RPC.Eth.DTOs.BlockParameter.CreateLatest()).WaitAsync(cancellationToken);
        return DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
    }

    /// <summary>The time of a block.</summary>
    public async Task<DateTimeOffset> BlockTimeAsync(long blockNumber, CancellationToken cancellationToken = default)
    {
        var block = await _authorityWeb3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber
            .SendRequestAsync(new Nethereum.Hex.HexTypes.HexBigInteger(blockNumber)).WaitAsync(cancellationToken);
        return DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
    }

    /// <summary>The access grants contract, for reading its public events (audit, revocations).</summary>
    public AccessGrantsClient AccessGrants => new(_authorityConnection, Deployment.AccessGrantsAddress!.Value);

    /// <summary>The emergency access contract, for reading its public events.</summary>
    public EmergencyAccessClient EmergencyAccess => new(_authorityConnection, Deployment.EmergencyAccessAddress!.Value);

    /// <summary>Development only: gives a new account gas money and, for patients and researchers, some MED.</summary>
    public async Task FundAsync(EvmAddress account, bool withMed, CancellationToken cancellationToken = default)
    {
        await _authorityLock.WaitAsync(cancellationToken);
        try
        {
            if (_chain is not null)
            {
                _chain.SetBalance(account.ToString(), GasFunding);
            }
            else
            {
                await _authorityWeb3.Eth.GetEtherTransferService()
                    .TransferEtherAndWaitForReceiptAsync(account.ToString(), 10m, cancellationToken: cancellationToken);
            }
            if (withMed)
            {
                // A fresh connection reads the authority's nonce from the chain: the SDK's authority client sends from the same account.
                await new MedTokenClient(_connect(), Deployment.MedTokenAddress!.Value)
                    .TransferAsync(account, MedTokenClient.FromMed(100), cancellationToken);
            }
        }
        finally
        {
            _authorityLock.Release();
        }
    }

    /// <summary>Development only: the demo authority certifies an account for a role for a year of chain time.</summary>
    public async Task CertifyAsync(EvmAddress account, CredentialRole role, CancellationToken cancellationToken = default)
    {
        var until = (await ChainTimeAsync(cancellationToken)).AddYears(1);
        await _authorityLock.WaitAsync(cancellationToken);
        try
        {
            // A fresh connection reads the authority's nonce from the chain (funding sends from the same account).
            await new CredentialsClient(_connect(), Deployment.CredentialsAddress!.Value).CertifyAsync(account, role, until, cancellationToken);
        }
        finally
        {
            _authorityLock.Release();
        }
    }

    /// <summary>Stops the devnet (if started) and deletes a temporary data folder.</summary>
    public async ValueTask DisposeAsync()
    {
        _authority.Dispose();
        _authorityLock.Dispose();
        if (_devnet is not null)
        {
            await _devnet.DisposeAsync();
        }
        if (_deleteFolder)
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
    }
}

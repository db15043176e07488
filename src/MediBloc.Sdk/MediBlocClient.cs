using System.Collections.Concurrent;
using System.Numerics;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.EmergencyAccess;
using MediBloc.Sdk.Contracts.DataMarket;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Contracts.MediPoints;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Research;
using MediBloc.Sdk.Contracts.SearchIndex;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;
using MediBloc.Sdk.Contracts.MedToken;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Web3.Accounts;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Roles.Authority;
using MediBloc.Sdk.Roles.Emergency;
using MediBloc.Sdk.Roles.Guardian;
using MediBloc.Sdk.Roles.KeyRecovery;
using MediBloc.Sdk.Roles.Patient;
using MediBloc.Sdk.Roles.Provider;
using MediBloc.Sdk.Roles.Researcher;
using MediBloc.Sdk.Contracts.StorageQuota;

namespace MediBloc.Sdk;

/// <summary>
/// The entry point of the MediBloc health record: one chain, one set of contracts, one content store. Hands out
/// role clients that share them: <see cref="GetPatientClient"/> to publish and share records,
/// <see cref="GetProviderClient"/> to open records shared with you and verify them against the chain.
/// </summary>
/// <remarks>
/// Thread-safe; create one per application and share it. The clients it hands out hold a reference to the key
/// you pass; you keep ownership of the key and dispose it when you are done.
/// </remarks>
public class MediBlocClient
{
    private readonly MediBlocClientOptions _options = null!;
    private readonly ConcurrentDictionary<string, ChainConnection> _connections = new(StringComparer.OrdinalIgnoreCase);
    private Task<long>? _chainId;

    /// <summary>For mocking only.</summary>
    protected MediBlocClient()
    {
    }

    /// <summary>Creates a client from options.</summary>
    /// <param name="options">The chain, contracts and content store to use.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A required option is missing or invalid; the message names it.</exception>
    /// <exception cref="StorageException"><see cref="MediBlocClientOptions.Outbox"/> is not set and the user has no per-user data folder for the default outbox (code <see cref="MediBlocErrorCode.InsecureFolder"/>).</exception>
    public MediBlocClient(MediBlocClientOptions options)
        : this(options, loggerFactory: null)
    {
    }

    /// <summary>Creates a client from options, logging through <paramref name="loggerFactory"/>.</summary>
    /// <param name="options">The chain, contracts and content store to use.</param>
    /// <param name="loggerFactory">Where the SDK logs (category <c>MediBloc.Sdk</c>); <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">A required option is missing or invalid; the message names it.</exception>
    /// <exception cref="StorageException"><see cref="MediBlocClientOptions.Outbox"/> is not set and the user has no per-user data folder for the default outbox (code <see cref="MediBlocErrorCode.InsecureFolder"/>).</exception>
    public MediBlocClient(MediBlocClientOptions options, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        ContentStore = options.ContentStore ?? new IpfsContentStore(new KuboRpcClient(options.IpfsApiUrl!, options.Ipfs));
        Logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("MediBloc.Sdk");
        Outbox = options.Outbox ?? new FileRecordOutbox(FileRecordOutbox.DefaultDirectory);
    }

    /// <summary>The content store sealed envelopes are kept in.</summary>
    public virtual IContentStore ContentStore { get; } = null!;

    /// <summary>Where sealed records wait until they are stored and anchored.</summary>
    public virtual IRecordOutbox Outbox { get; } = null!;

    /// <summary>The record registry contract's address.</summary>
    public virtual string RecordRegistryAddress => _options.RecordRegistryAddress!;

    /// <summary>Returns the client a patient uses to publish and share their records.</summary>
    /// <param name="patientKey">The patient's key; records are anchored from its address and sealed to it.</param>
    /// <returns>A client bound to the patient's key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientKey"/> is null.</exception>
    public virtual PatientClient GetPatientClient(Secp256k1PrivateKey patientKey)
    {
        ArgumentNullException.ThrowIfNull(patientKey);
        return new PatientClient(this, patientKey);
    }

    /// <summary>Returns the client a provider (or any reader) uses to open records sealed to them.</summary>
    /// <param name="providerKey">The reader's key.</param>
    /// <returns>A client bound to the reader's key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="providerKey"/> is null.</exception>
    public virtual ProviderClient GetProviderClient(Secp256k1PrivateKey providerKey)
    {
        ArgumentNullException.ThrowIfNull(providerKey);
        return new ProviderClient(this, providerKey);
    }

    /// <summary>Returns the client a guardian uses to act for a ward.</summary>
    /// <param name="guardianKey">The guardian's key.</param>
    /// <returns>A client bound to the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="guardianKey"/> is null.</exception>
    public virtual GuardianClient GetGuardianClient(Secp256k1PrivateKey guardianKey)
    {
        ArgumentNullException.ThrowIfNull(guardianKey);
        return new GuardianClient(this, guardianKey);
    }

    /// <summary>Returns the client a certified emergency provider uses to break the glass.</summary>
    /// <param name="emergencyProviderKey">The emergency provider's key.</param>
    /// <returns>A client bound to the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="emergencyProviderKey"/> is null.</exception>
    public virtual EmergencyClient GetEmergencyClient(Secp256k1PrivateKey emergencyProviderKey)
    {
        ArgumentNullException.ThrowIfNull(emergencyProviderKey);
        return new EmergencyClient(this, emergencyProviderKey);
    }

    /// <summary>Returns the client a credentials authority uses to certify, revoke and challenge providers, emergency providers and researchers.</summary>
    /// <param name="authorityKey">The authority's key.</param>
    /// <returns>A client bound to the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="authorityKey"/> is null.</exception>
    public virtual AuthorityClient GetAuthorityClient(Secp256k1PrivateKey authorityKey)
    {
        ArgumentNullException.ThrowIfNull(authorityKey);
        return new AuthorityClient(this, authorityKey);
    }

    /// <summary>Returns the client a new device uses to recover the patient's key from the shares their guardians release.</summary>
    /// <param name="deviceKey">The new device's fresh key; guardians re-seal their shares to its public key.</param>
    /// <returns>A client bound to the device key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deviceKey"/> is null.</exception>
    public virtual KeyRecoveryClient GetKeyRecoveryClient(Secp256k1PrivateKey deviceKey)
    {
        ArgumentNullException.ThrowIfNull(deviceKey);
        return new KeyRecoveryClient(this, deviceKey);
    }

    /// <summary>Returns the client a certified researcher uses to search the index, post data requests and open consented records.</summary>
    /// <param name="researcherKey">The researcher's key.</param>
    /// <returns>A client bound to the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="researcherKey"/> is null.</exception>
    public virtual ResearcherClient GetResearcherClient(Secp256k1PrivateKey researcherKey)
    {
        ArgumentNullException.ThrowIfNull(researcherKey);
        return new ResearcherClient(this, researcherKey);
    }

    /// <summary>
    /// Deploys the SDK's contracts (record registry, credentials, access grants, emergency access, MED token,
    /// MediPoints, storage quota, data market, search index) and returns their addresses, to put into <see cref="MediBlocClientOptions.UseDeployment"/>. The
    /// deployer becomes the admin, a credentials authority and the treasury, and holds <see cref="InitialMedSupply"/> less
    /// the <see cref="InitialRewardPool"/> it puts into the MediPoints reward pool; Credentials may hold MediPoints deposits.
    /// </summary>
    /// <param name="chainRpcUrl">The EVM node's JSON-RPC endpoint.</param>
    /// <param name="deployer">The key that pays for the deployment.</param>
    /// <param name="chainOptions">Timeouts and polling; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the wait (not the transactions already sent).</param>
    /// <returns>The deployed addresses and the deployment transactions.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ChainException">The node is down (code <see cref="MediBlocErrorCode.NodeUnavailable"/>) or a deployment failed.</exception>
    public static async Task<MediBlocDeployment> DeployContractsAsync(
        Uri chainRpcUrl, Secp256k1PrivateKey deployer, ChainConnectionOptions? chainOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chainRpcUrl);
        ArgumentNullException.ThrowIfNull(deployer);
        chainOptions ??= new ChainConnectionOptions();
        var chainId = await ChainIdReader.ReadAsync(chainRpcUrl, chainOptions, cancellationToken).ConfigureAwait(false);
        var connection = new ChainConnection(chainRpcUrl, CreateAccount(deployer, chainId), chainOptions);
        return await DeployContractsAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deploys the SDK's contracts on an in-process chain and returns their addresses (the same suite as the node overload).</summary>
    /// <param name="chain">The embedded chain (see <see cref="MediBlocClientOptions.EmbeddedChain"/>).</param>
    /// <param name="deployer">The key that pays for the deployment; <see langword="null"/> for the chain's first development account.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The deployed addresses.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chain"/> is null.</exception>
    /// <exception cref="ChainException">A deployment failed (for example, the deployer has no funds).</exception>
    public static Task<MediBlocDeployment> DeployContractsAsync(
        EmbeddedChain.EmbeddedChain chain, Secp256k1PrivateKey? deployer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var account = deployer is null
            ? new Account(chain.Accounts[0].PrivateKey, chain.ChainId)
            : CreateAccount(deployer, chain.ChainId);
        var connection = new ChainConnection(chain.CreateRpcClient(), account, new ChainConnectionOptions());
        return DeployContractsAsync(connection, cancellationToken);
    }

    /// <summary>The MED the deployer holds after a deployment: one billion MED.</summary>
    public static readonly BigInteger InitialMedSupply = MedTokenClient.FromMed(1_000_000_000);

    /// <summary>The price of one MediPoint set at deployment: 0.01 MED.</summary>
    public static readonly BigInteger MedPerPoint = MedTokenClient.FromMed(1) / 100;

    /// <summary>The MED the deployer puts into the MediPoints reward pool at deployment: one million MED (backs 10⁸ reward points at <see cref="MedPerPoint"/>).</summary>
    public static readonly BigInteger InitialRewardPool = MedTokenClient.FromMed(1_000_000);

    /// <summary>The price of one gigabyte of storage quota set at deployment: 1 MED.</summary>
    public static readonly BigInteger MedPerGigabyte = MedTokenClient.FromMed(1);

    /// <summary>
    /// Deploys the whole suite (record registry, credentials, access grants, emergency access, MED token, MediPoints,
    /// storage quota, data market, search index), independent contracts in parallel, and makes the deployer a credentials authority so it can certify providers.
    /// </summary>
    private static async Task<MediBlocDeployment> DeployContractsAsync(ChainConnection connection, CancellationToken cancellationToken)
    {
        var registryTask = RecordRegistryClient.DeployAsync(connection, cancellationToken);
        var credentialsTask = CredentialsClient.DeployAsync(connection, cancellationToken);
        var tokenTask = MedTokenClient.DeployAsync(connection, InitialMedSupply, cancellationToken);
        var searchTask = SearchIndexClient.DeployAsync(connection, cancellationToken);
        await Task.WhenAll(registryTask, credentialsTask, tokenTask, searchTask).ConfigureAwait(false);
        var registry = await registryTask.ConfigureAwait(false);
        var credentials = await credentialsTask.ConfigureAwait(false);
        var token = await tokenTask.ConfigureAwait(false);

        var accessTask = AccessGrantsClient.DeployAsync(connection, registry.ContractAddress, cancellationToken);
        var emergencyTask = EmergencyAccessClient.DeployAsync(connection, registry.ContractAddress, credentials.ContractAddress, cancellationToken);
        var pointsTask = MediPointsClient.DeployAsync(connection, token.ContractAddress, registry.ContractAddress, MedPerPoint, connection.Address, cancellationToken);
        var authorityTask = credentials.SetAuthorityAsync(connection.Address, enabled: true, cancellationToken);
        var quotaTask = StorageQuotaClient.DeployAsync(connection, token.ContractAddress, connection.Address, MedPerGigabyte, cancellationToken);
        var marketTask = DataMarketClient.DeployAsync(connection, token.ContractAddress, credentials.ContractAddress, (await searchTask.ConfigureAwait(false)).ContractAddress, cancellationToken);
        await Task.WhenAll(accessTask, emergencyTask, pointsTask, authorityTask, quotaTask, marketTask).ConfigureAwait(false);
        // Provider-authored records: the registry checks write grants and provider credentials on chain.
        var authoringTask = registry.ConfigureAuthoringAsync((await accessTask.ConfigureAwait(false)).ContractAddress, credentials.ContractAddress, cancellationToken);
        // MediPoints: the reward pool backs authoring rewards with MED; Credentials holds vouching deposits.
        var points = await pointsTask.ConfigureAwait(false);
        var lockerTask = points.SetLockerAsync(credentials.ContractAddress, enabled: true, cancellationToken);
        await token.ApproveAsync(points.ContractAddress, InitialRewardPool, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(authoringTask, lockerTask, points.FundRewardPoolAsync(InitialRewardPool, cancellationToken)).ConfigureAwait(false);

        return new MediBlocDeployment(connection.ChainId, registry.ContractAddress)
        {
            CredentialsAddress = credentials.ContractAddress,
            AccessGrantsAddress = (await accessTask.ConfigureAwait(false)).ContractAddress,
            EmergencyAccessAddress = (await emergencyTask.ConfigureAwait(false)).ContractAddress,
            MedTokenAddress = token.ContractAddress,
            MediPointsAddress = points.ContractAddress,
            TreasuryAddress = connection.Address,
            StorageQuotaAddress = (await quotaTask.ConfigureAwait(false)).ContractAddress,
            DataMarketAddress = (await marketTask.ConfigureAwait(false)).ContractAddress,
            SearchIndexAddress = (await searchTask.ConfigureAwait(false)).ContractAddress,
        };
    }

    /// <summary>The chain connection of one account, shared by every client of that account (one nonce sequence).</summary>
    internal virtual async Task<ChainConnection> GetConnectionAsync(Secp256k1PrivateKey key)
    {
        var address = key.Address.ToString();
        if (_connections.TryGetValue(address, out var existing))
        {
            return existing;
        }
        var chainId = await GetChainIdAsync().ConfigureAwait(false);
        return _connections.GetOrAdd(address, _ => _options.EmbeddedChain is { } embedded
            ? new ChainConnection(embedded.CreateRpcClient(), CreateAccount(key, chainId), _options.Chain)
            : new ChainConnection(_options.ChainRpcUrl!, CreateAccount(key, chainId), _options.Chain));
    }

    internal virtual async Task<RecordRegistryClient> GetRegistryAsync(Secp256k1PrivateKey key)
    {
        var connection = await GetConnectionAsync(key).ConfigureAwait(false);
        return new RecordRegistryClient(connection, _options.RecordRegistryAddress!);
    }

    internal async Task<AccessGrantsClient> GetAccessGrantsAsync(Secp256k1PrivateKey key, string workflow)
    {
        var address = _options.Require(_options.AccessGrantsAddress, nameof(MediBlocClientOptions.AccessGrantsAddress), workflow);
        return new AccessGrantsClient(await GetConnectionAsync(key).ConfigureAwait(false), address);
    }

    internal async Task<CredentialsClient> GetCredentialsAsync(Secp256k1PrivateKey key, string workflow)
    {
        var address = _options.Require(_options.CredentialsAddress, nameof(MediBlocClientOptions.CredentialsAddress), workflow);
        return new CredentialsClient(await GetConnectionAsync(key).ConfigureAwait(false), address);
    }

    internal async Task<EmergencyAccessClient> GetEmergencyAccessAsync(Secp256k1PrivateKey key, string workflow)
    {
        var address = _options.Require(_options.EmergencyAccessAddress, nameof(MediBlocClientOptions.EmergencyAccessAddress), workflow);
        return new EmergencyAccessClient(await GetConnectionAsync(key).ConfigureAwait(false), address);
    }

    internal async Task<MedTokenClient> GetMedTokenAsync(Secp256k1PrivateKey key, string workflow)
    {
        var address = _options.Require(_options.MedTokenAddress, nameof(MediBlocClientOptions.MedTokenAddress), workflow);
        return new MedTokenClient(await GetConnectionAsync(key).ConfigureAwait(false), address);
    }

    internal async Task<MediPointsClient> GetMediPointsAsync(Secp256k1PrivateKey key, string workflow)
    {
        var address = _options.Require(_options.MediPointsAddress, nameof(MediBlocClientOptions.MediPointsAddress), workflow);
        return new MediPointsClient(await GetConnectionAsync(key).ConfigureAwait(false), address);
    }

    internal async Task<StorageQuotaClient> GetStorageQuotaAsync(Secp256k1PrivateKey key, string workflow)
    {
        var address = _options.Require(_options.StorageQuotaAddress, nameof(MediBlocClientOptions.StorageQuotaAddress), workflow);
        return new StorageQuotaClient(await GetConnectionAsync(key).ConfigureAwait(false), address);
    }

    internal async Task<DataMarketClient> GetDataMarketAsync(Secp256k1PrivateKey key, string workflow)
    {
        var address = _options.Require(_options.DataMarketAddress, nameof(MediBlocClientOptions.DataMarketAddress), workflow);
        return new DataMarketClient(await GetConnectionAsync(key).ConfigureAwait(false), address);
    }

    internal async Task<SearchIndexClient> GetSearchIndexAsync(Secp256k1PrivateKey key, string workflow)
    {
        var address = _options.Require(_options.SearchIndexAddress, nameof(MediBlocClientOptions.SearchIndexAddress), workflow);
        return new SearchIndexClient(await GetConnectionAsync(key).ConfigureAwait(false), address);
    }

    /// <summary>The latest block's time: grant expiries are judged against it, not the local clock.</summary>
    internal virtual async Task<DateTimeOffset> GetChainTimeAsync(Secp256k1PrivateKey key, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(key).ConfigureAwait(false);
        var block = await connection.RpcAsync(
            () => connection.Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(Nethereum.RPC.Eth.DTOs.BlockParameter.CreateLatest()),
            "read the latest block", null, cancellationToken).ConfigureAwait(false);
        return DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
    }

    internal MediBlocClientOptions Options => _options;

    internal ILogger Logger { get; } = NullLogger.Instance;

    /// <summary>The gas a mined transaction used (0 when the node no longer has its receipt).</summary>
    internal virtual async Task<long> GetGasUsedAsync(Secp256k1PrivateKey key, string transactionHash, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(key).ConfigureAwait(false);
        var receipt = await connection.RpcAsync(
            () => connection.Web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(transactionHash),
            "read a receipt", null, cancellationToken).ConfigureAwait(false);
        return receipt?.GasUsed is { } gas ? (long)gas.Value : 0;
    }

    /// <summary>The chain id from the options, else read once from the node (a failed read is retried next time).</summary>
    internal virtual Task<long> GetChainIdAsync()
    {
        if (_options.EmbeddedChain is { } embedded)
        {
            return Task.FromResult(embedded.ChainId);
        }
        if (_options.ChainId is { } id)
        {
            return Task.FromResult(id);
        }
        var task = Volatile.Read(ref _chainId);
        if (task is null || task.IsFaulted || task.IsCanceled)
        {
            task = ChainIdReader.ReadAsync(_options.ChainRpcUrl!, _options.Chain, CancellationToken.None);
            Volatile.Write(ref _chainId, task);
        }
        return task;
    }

    private static Account CreateAccount(Secp256k1PrivateKey key, long chainId)
    {
        var raw = key.ExportPrivateKey();
        try
        {
            return new Account(raw, chainId);
        }
        finally
        {
            Array.Clear(raw);
        }
    }
}

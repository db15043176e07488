using System.Numerics;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.EmergencyAccess;
using MediBloc.Sdk.Contracts.InsuranceClaims;
using MediBloc.Sdk.Contracts.DataMarket;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Contracts.MediPoints;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Research;
using MediBloc.Sdk.Contracts.SearchIndex;
using MediBloc.Sdk.Contracts.Studies;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;
using MediBloc.Sdk.Contracts.MedToken;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.JsonRpc.Client;
using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Roles.Authority;
using MediBloc.Sdk.Roles.Emergency;
using MediBloc.Sdk.Roles.Guardian;
using MediBloc.Sdk.Roles.Insurer;
using MediBloc.Sdk.Roles.KeyRecovery;
using MediBloc.Sdk.Roles.Patient;
using MediBloc.Sdk.Roles.Provider;
using MediBloc.Sdk.Roles.Researcher;
using MediBloc.Sdk.Contracts.StorageQuota;

namespace MediBloc.Sdk;

/// <summary>
/// The entry point of the MediBloc health record: one chain, one set of contracts, one content store. Hands out
/// role clients that share them: <see cref="GetPatientClient(MediBloc.Sdk.Crypto.Secp256k1PrivateKey)"/> to publish and share records,
/// <see cref="GetProviderClient(MediBloc.Sdk.Crypto.Secp256k1PrivateKey)"/> to open records shared with you and verify them against the chain.
/// </summary>
/// <remarks>
/// Thread-safe; create one per application and share it. The clients it hands out hold a reference to the key
/// you pass; you keep ownership of the key and dispose it when you are done.
/// </remarks>
public class MediBlocClient
{
    private readonly MediBlocClientOptions _options = null!;
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
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("MediBloc.Sdk");
        Outbox = options.Outbox ?? new FileRecordOutbox(FileRecordOutbox.DefaultDirectory);
        var settings = new ClientSettings(ContentStore, Outbox, logger, new ContractAddresses(MediBlocClientOptions.ParseAddress(options.RecordRegistryAddress, nameof(options.RecordRegistryAddress))!.Value)
        {
            Credentials = MediBlocClientOptions.ParseAddress(options.CredentialsAddress, nameof(options.CredentialsAddress)),
            AccessGrants = MediBlocClientOptions.ParseAddress(options.AccessGrantsAddress, nameof(options.AccessGrantsAddress)),
            EmergencyAccess = MediBlocClientOptions.ParseAddress(options.EmergencyAccessAddress, nameof(options.EmergencyAccessAddress)),
            MedToken = MediBlocClientOptions.ParseAddress(options.MedTokenAddress, nameof(options.MedTokenAddress)),
            MediPoints = MediBlocClientOptions.ParseAddress(options.MediPointsAddress, nameof(options.MediPointsAddress)),
            StorageQuota = MediBlocClientOptions.ParseAddress(options.StorageQuotaAddress, nameof(options.StorageQuotaAddress)),
            DataMarket = MediBlocClientOptions.ParseAddress(options.DataMarketAddress, nameof(options.DataMarketAddress)),
            SearchIndex = MediBlocClientOptions.ParseAddress(options.SearchIndexAddress, nameof(options.SearchIndexAddress)),
            Studies = MediBlocClientOptions.ParseAddress(options.StudiesAddress, nameof(options.StudiesAddress)),
            InsuranceClaims = MediBlocClientOptions.ParseAddress(options.InsuranceClaimsAddress, nameof(options.InsuranceClaimsAddress)),
        })
        {
            MaxEnvelopeBytes = options.MaxEnvelopeBytes,
            MaxManifestBytes = options.MaxManifestBytes,
            BatchAnchorThreshold = options.BatchAnchorThreshold,
            RelayerKey = options.RelayerKey,
        };
        Context = new ClientContext(settings, Connect, GetChainIdAsync);
    }

    /// <summary>The content store sealed envelopes are kept in.</summary>
    public virtual IContentStore ContentStore { get; } = null!;

    /// <summary>Where sealed records wait until they are stored and anchored.</summary>
    public virtual IRecordOutbox Outbox { get; } = null!;

    /// <summary>The record registry contract's address.</summary>
    public virtual EvmAddress RecordRegistryAddress => Context.RecordRegistryAddress;

    /// <summary>Returns the client a patient uses to publish and share their records.</summary>
    /// <param name="patientKey">The patient's key; records are anchored from its address and sealed to it.</param>
    /// <returns>A client bound to the patient's key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientKey"/> is null.</exception>
    public virtual PatientClient GetPatientClient(Secp256k1PrivateKey patientKey)
    {
        ArgumentNullException.ThrowIfNull(patientKey);
        return new PatientClient(Context, new LocalKeySigner(patientKey));
    }

    /// <summary>Returns the same client as <see cref="GetPatientClient(Secp256k1PrivateKey)"/> for an account that signs through a <see cref="MediBlocSigner"/>.</summary>
    /// <param name="patientSigner">The patient's signer; records are anchored from its address and sealed to its public key. Opening records needs a <see cref="LocalKeySigner"/>.</param>
    /// <returns>A client bound to the signer's account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="patientSigner"/> is null.</exception>
    public virtual PatientClient GetPatientClient(MediBlocSigner patientSigner)
    {
        ArgumentNullException.ThrowIfNull(patientSigner);
        return new PatientClient(Context, patientSigner);
    }

    /// <summary>Returns the client a provider (or any reader) uses to open records sealed to them.</summary>
    /// <param name="providerKey">The reader's key.</param>
    /// <returns>A client bound to the reader's key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="providerKey"/> is null.</exception>
    public virtual ProviderClient GetProviderClient(Secp256k1PrivateKey providerKey)
    {
        ArgumentNullException.ThrowIfNull(providerKey);
        return new ProviderClient(Context, new LocalKeySigner(providerKey));
    }

    /// <summary>Returns the same client as <see cref="GetProviderClient(Secp256k1PrivateKey)"/> for an account that signs through a <see cref="MediBlocSigner"/>.</summary>
    /// <param name="providerSigner">The reader's signer. Authoring and anchoring work with any signer; opening records needs a <see cref="LocalKeySigner"/>.</param>
    /// <returns>A client bound to the signer's account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="providerSigner"/> is null.</exception>
    public virtual ProviderClient GetProviderClient(MediBlocSigner providerSigner)
    {
        ArgumentNullException.ThrowIfNull(providerSigner);
        return new ProviderClient(Context, providerSigner);
    }

    /// <summary>Returns the client a guardian uses to act for a ward.</summary>
    /// <param name="guardianKey">The guardian's key.</param>
    /// <returns>A client bound to the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="guardianKey"/> is null.</exception>
    public virtual GuardianClient GetGuardianClient(Secp256k1PrivateKey guardianKey)
    {
        ArgumentNullException.ThrowIfNull(guardianKey);
        return new GuardianClient(Context, new LocalKeySigner(guardianKey));
    }

    /// <summary>Returns the same client as <see cref="GetGuardianClient(Secp256k1PrivateKey)"/> for an account that signs through a <see cref="MediBlocSigner"/>.</summary>
    /// <param name="guardianSigner">The guardian's signer. Opening records and re-sealing key shares need a <see cref="LocalKeySigner"/>.</param>
    /// <returns>A client bound to the signer's account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="guardianSigner"/> is null.</exception>
    public virtual GuardianClient GetGuardianClient(MediBlocSigner guardianSigner)
    {
        ArgumentNullException.ThrowIfNull(guardianSigner);
        return new GuardianClient(Context, guardianSigner);
    }

    /// <summary>Returns the client a certified emergency provider uses to break the glass.</summary>
    /// <param name="emergencyProviderKey">The emergency provider's key.</param>
    /// <returns>A client bound to the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="emergencyProviderKey"/> is null.</exception>
    public virtual EmergencyClient GetEmergencyClient(Secp256k1PrivateKey emergencyProviderKey)
    {
        ArgumentNullException.ThrowIfNull(emergencyProviderKey);
        return new EmergencyClient(Context, new LocalKeySigner(emergencyProviderKey));
    }

    /// <summary>Returns the same client as <see cref="GetEmergencyClient(Secp256k1PrivateKey)"/> for an account that signs through a <see cref="MediBlocSigner"/>.</summary>
    /// <param name="emergencyProviderSigner">The emergency provider's signer. Opening records needs a <see cref="LocalKeySigner"/>.</param>
    /// <returns>A client bound to the signer's account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="emergencyProviderSigner"/> is null.</exception>
    public virtual EmergencyClient GetEmergencyClient(MediBlocSigner emergencyProviderSigner)
    {
        ArgumentNullException.ThrowIfNull(emergencyProviderSigner);
        return new EmergencyClient(Context, emergencyProviderSigner);
    }

    /// <summary>Returns the client a credentials authority uses to certify, revoke and challenge providers, emergency providers and researchers.</summary>
    /// <param name="authorityKey">The authority's key.</param>
    /// <returns>A client bound to the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="authorityKey"/> is null.</exception>
    public virtual AuthorityClient GetAuthorityClient(Secp256k1PrivateKey authorityKey)
    {
        ArgumentNullException.ThrowIfNull(authorityKey);
        return new AuthorityClient(Context, new LocalKeySigner(authorityKey));
    }

    /// <summary>Returns the same client as <see cref="GetAuthorityClient(Secp256k1PrivateKey)"/> for an account that signs through a <see cref="MediBlocSigner"/>.</summary>
    /// <param name="authoritySigner">The authority's signer.</param>
    /// <returns>A client bound to the signer's account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="authoritySigner"/> is null.</exception>
    public virtual AuthorityClient GetAuthorityClient(MediBlocSigner authoritySigner)
    {
        ArgumentNullException.ThrowIfNull(authoritySigner);
        return new AuthorityClient(Context, authoritySigner);
    }

    /// <summary>Returns the client a new device uses to recover the patient's key from the shares their guardians release.</summary>
    /// <param name="deviceKey">The new device's fresh key; guardians re-seal their shares to its public key.</param>
    /// <returns>A client bound to the device key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deviceKey"/> is null.</exception>
    public virtual KeyRecoveryClient GetKeyRecoveryClient(Secp256k1PrivateKey deviceKey)
    {
        ArgumentNullException.ThrowIfNull(deviceKey);
        return new KeyRecoveryClient(Context, deviceKey);
    }

    /// <summary>Returns the client a certified researcher uses to search the index, post data requests and open consented records.</summary>
    /// <param name="researcherKey">The researcher's key.</param>
    /// <returns>A client bound to the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="researcherKey"/> is null.</exception>
    public virtual ResearcherClient GetResearcherClient(Secp256k1PrivateKey researcherKey)
    {
        ArgumentNullException.ThrowIfNull(researcherKey);
        return new ResearcherClient(Context, new LocalKeySigner(researcherKey));
    }

    /// <summary>Returns the same client as <see cref="GetResearcherClient(Secp256k1PrivateKey)"/> for an account that signs through a <see cref="MediBlocSigner"/>.</summary>
    /// <param name="researcherSigner">The researcher's signer. Opening released records needs a <see cref="LocalKeySigner"/>.</param>
    /// <returns>A client bound to the signer's account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="researcherSigner"/> is null.</exception>
    public virtual ResearcherClient GetResearcherClient(MediBlocSigner researcherSigner)
    {
        ArgumentNullException.ThrowIfNull(researcherSigner);
        return new ResearcherClient(Context, researcherSigner);
    }

    /// <summary>Returns the client a certified insurer uses to open and fund policies, open the claims filed under them, and pay or deny them.</summary>
    /// <param name="insurerKey">The insurer's key.</param>
    /// <returns>A client bound to the key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="insurerKey"/> is null.</exception>
    public virtual InsurerClient GetInsurerClient(Secp256k1PrivateKey insurerKey)
    {
        ArgumentNullException.ThrowIfNull(insurerKey);
        return new InsurerClient(Context, new LocalKeySigner(insurerKey));
    }

    /// <summary>Returns the same client as <see cref="GetInsurerClient(Secp256k1PrivateKey)"/> for an account that signs through a <see cref="MediBlocSigner"/>.</summary>
    /// <param name="insurerSigner">The insurer's signer. Opening claims needs a <see cref="LocalKeySigner"/>.</param>
    /// <returns>A client bound to the signer's account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="insurerSigner"/> is null.</exception>
    public virtual InsurerClient GetInsurerClient(MediBlocSigner insurerSigner)
    {
        ArgumentNullException.ThrowIfNull(insurerSigner);
        return new InsurerClient(Context, insurerSigner);
    }

    /// <summary>
    /// Deploys the SDK's contracts (record registry, credentials, access grants, emergency access, MED token,
    /// MediPoints, storage quota, data market, search index, studies, insurance claims) and returns their addresses, to put into <see cref="MediBlocClientOptions.UseDeployment"/>. The
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
        var connection = new ChainConnection(chainRpcUrl, new LocalKeySigner(deployer), chainId, chainOptions);
        return await DeployContractsAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deploys the SDK's contracts through any Nethereum JSON-RPC client (the same suite as the URL overload), for
    /// example an in-process chain's (MediBloc.Sdk.EmbeddedChain's <c>chain.DeployMediBlocContractsAsync()</c> calls this).
    /// </summary>
    /// <param name="chainClient">The chain's JSON-RPC client.</param>
    /// <param name="deployer">The key that pays for the deployment.</param>
    /// <param name="chainOptions">Timeouts and polling; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the wait (not the transactions already sent).</param>
    /// <returns>The deployed addresses and the deployment transactions.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ChainException">The chain does not answer (code <see cref="MediBlocErrorCode.NodeUnavailable"/>) or a deployment failed (for example, the deployer has no funds).</exception>
    public static async Task<MediBlocDeployment> DeployContractsAsync(
        IClient chainClient, Secp256k1PrivateKey deployer, ChainConnectionOptions? chainOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chainClient);
        ArgumentNullException.ThrowIfNull(deployer);
        chainOptions ??= new ChainConnectionOptions();
        var chainId = await ChainIdReader.ReadAsync(chainClient, chainOptions, cancellationToken).ConfigureAwait(false);
        var connection = new ChainConnection(chainClient, new LocalKeySigner(deployer), chainId, chainOptions);
        return await DeployContractsAsync(connection, cancellationToken).ConfigureAwait(false);
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
    /// storage quota, data market, search index, studies, insurance claims), independent contracts in parallel, and makes the deployer a credentials authority so it can certify providers.
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
        var studiesTask = StudiesClient.DeployAsync(connection, credentials.ContractAddress, cancellationToken);
        var claimsTask = InsuranceClaimsClient.DeployAsync(connection, token.ContractAddress, credentials.ContractAddress, registry.ContractAddress, cancellationToken);
        await Task.WhenAll(accessTask, emergencyTask, pointsTask, authorityTask, quotaTask, marketTask, studiesTask, claimsTask).ConfigureAwait(false);
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
            StudiesAddress = (await studiesTask.ConfigureAwait(false)).ContractAddress,
            InsuranceClaimsAddress = (await claimsTask.ConfigureAwait(false)).ContractAddress,
        };
    }

    /// <summary>What the role clients of this client share.</summary>
    internal ClientContext Context { get; } = null!;

    /// <summary>The chain connection of one account, shared by every client of that account (one nonce sequence).</summary>
    private ChainConnection Connect(MediBlocSigner signer, long chainId) => _options.ChainClient is { } client
        ? new ChainConnection(client, signer, chainId, _options.Chain)
        : new ChainConnection(_options.ChainRpcUrl!, signer, chainId, _options.Chain);

    /// <summary>The chain id: from the options, or read once from the chain (again after a failed read).</summary>
    private Task<long> GetChainIdAsync()
    {
        if (_options.ChainId is { } id)
        {
            return Task.FromResult(id);
        }
        var task = Volatile.Read(ref _chainId);
        if (task is null || task.IsFaulted || task.IsCanceled)
        {
            task = _options.ChainClient is { } client
                ? ChainIdReader.ReadAsync(client, _options.Chain, CancellationToken.None)
                : ChainIdReader.ReadAsync(_options.ChainRpcUrl!, _options.Chain, CancellationToken.None);
            Volatile.Write(ref _chainId, task);
        }
        return task;
    }
}

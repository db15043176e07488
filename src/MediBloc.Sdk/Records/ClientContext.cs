using System.Collections.Concurrent;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Contracts.DataMarket;
using MediBloc.Sdk.Contracts.EmergencyAccess;
using MediBloc.Sdk.Contracts.InsuranceClaims;
using MediBloc.Sdk.Contracts.MediPoints;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Contracts.RecordRegistry;
using MediBloc.Sdk.Contracts.SearchIndex;
using MediBloc.Sdk.Contracts.StorageQuota;
using MediBloc.Sdk.Contracts.Studies;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage;
using Microsoft.Extensions.Logging;

namespace MediBloc.Sdk.Records;

/// <summary>
/// What every role client of one <see cref="MediBlocClient"/> shares: the content store, the outbox, the limits, and
/// the chain (one connection per key, the contract clients by address). Role clients depend on this, never on
/// <see cref="MediBlocClient"/>, so the client factory sits above the roles and nothing below reaches up to it.
/// </summary>
internal class ClientContext
{
    private readonly ConcurrentDictionary<EvmAddress, ChainConnection> _connections = new();
    private readonly Func<MediBlocSigner, long, ChainConnection> _connect;
    private readonly Func<Task<long>> _chainId;

    public ClientContext(ClientSettings settings, Func<MediBlocSigner, long, ChainConnection> connect, Func<Task<long>> chainId)
    {
        Settings = settings;
        _connect = connect;
        _chainId = chainId;
    }

    /// <summary>The options' values the role clients read.</summary>
    public ClientSettings Settings { get; }

    public IContentStore ContentStore => Settings.ContentStore;

    public IRecordOutbox Outbox => Settings.Outbox;

    public ILogger Logger => Settings.Logger;

    public EvmAddress RecordRegistryAddress => Settings.Addresses.RecordRegistry;

    /// <summary>Every refusal and batch index of this client, shared by all its role clients.</summary>
    public RefusalCache Refusals { get; } = new();

    /// <summary>The batch manifests this client has read.</summary>
    public BatchDirectory Batches { get; } = new();

    /// <summary>What each owner stores, checked against the on-chain quota before a publish.</summary>
    public QuotaLedger Quota { get; } = new();

    /// <summary>Reads an envelope (or, with <paramref name="maxBytes"/>, a manifest) by CID, bounded and checked against the CID.</summary>
    public Task<byte[]> FetchEnvelopeAsync(ContentId cid, CancellationToken cancellationToken, long? maxBytes = null) =>
        ContentStore.ReadVerifiedAsync(
            cid,
            maxBytes ?? Settings.MaxEnvelopeBytes,
            maxBytes is null ? "MediBlocClientOptions.MaxEnvelopeBytes" : "MediBlocClientOptions.MaxManifestBytes",
            cancellationToken);

    public virtual async Task<ChainConnection> GetConnectionAsync(MediBlocSigner signer)
    {
        var address = signer.Address;
        if (_connections.TryGetValue(address, out var existing))
        {
            return existing;
        }
        var chainId = await GetChainIdAsync().ConfigureAwait(false);
        return _connections.GetOrAdd(address, _ => _connect(signer, chainId));
    }

    /// <summary>The connection of a key's account (a <see cref="LocalKeySigner"/> over it).</summary>
    public Task<ChainConnection> GetConnectionAsync(Secp256k1PrivateKey key) => GetConnectionAsync(new LocalKeySigner(key));

    /// <summary>The account that sends a transaction: the caller's submitter key, else the configured relayer, else the signer itself.</summary>
    public MediBlocSigner Submitter(Secp256k1PrivateKey? submitter, MediBlocSigner own) =>
        (submitter ?? Settings.RelayerKey) is { } key ? new LocalKeySigner(key) : own;

    public virtual Task<long> GetChainIdAsync() => _chainId();

    public virtual async Task<RecordRegistryClient> GetRegistryAsync(MediBlocSigner signer) =>
        new(await GetConnectionAsync(signer).ConfigureAwait(false), RecordRegistryAddress);

    public Task<RecordRegistryClient> GetRegistryAsync(Secp256k1PrivateKey key) => GetRegistryAsync(new LocalKeySigner(key));

    public Task<AccessGrantsClient> GetAccessGrantsAsync(MediBlocSigner signer, string workflow) =>
        ConnectAsync(signer, Require(Settings.Addresses.AccessGrants, "AccessGrantsAddress", workflow), (connection, address) => new AccessGrantsClient(connection, address));

    public Task<CredentialsClient> GetCredentialsAsync(MediBlocSigner signer, string workflow) =>
        ConnectAsync(signer, Require(Settings.Addresses.Credentials, "CredentialsAddress", workflow), (connection, address) => new CredentialsClient(connection, address));

    public Task<EmergencyAccessClient> GetEmergencyAccessAsync(MediBlocSigner signer, string workflow) =>
        ConnectAsync(signer, Require(Settings.Addresses.EmergencyAccess, "EmergencyAccessAddress", workflow), (connection, address) => new EmergencyAccessClient(connection, address));

    public Task<MedTokenClient> GetMedTokenAsync(MediBlocSigner signer, string workflow) =>
        ConnectAsync(signer, Require(Settings.Addresses.MedToken, "MedTokenAddress", workflow), (connection, address) => new MedTokenClient(connection, address));

    public Task<MediPointsClient> GetMediPointsAsync(MediBlocSigner signer, string workflow) =>
        ConnectAsync(signer, Require(Settings.Addresses.MediPoints, "MediPointsAddress", workflow), (connection, address) => new MediPointsClient(connection, address));

    public Task<StorageQuotaClient> GetStorageQuotaAsync(MediBlocSigner signer, string workflow) =>
        ConnectAsync(signer, Require(Settings.Addresses.StorageQuota, "StorageQuotaAddress", workflow), (connection, address) => new StorageQuotaClient(connection, address));

    public Task<DataMarketClient> GetDataMarketAsync(MediBlocSigner signer, string workflow) =>
        ConnectAsync(signer, Require(Settings.Addresses.DataMarket, "DataMarketAddress", workflow), (connection, address) => new DataMarketClient(connection, address));

    public Task<SearchIndexClient> GetSearchIndexAsync(MediBlocSigner signer, string workflow) =>
        ConnectAsync(signer, Require(Settings.Addresses.SearchIndex, "SearchIndexAddress", workflow), (connection, address) => new SearchIndexClient(connection, address));

    public Task<StudiesClient> GetStudiesAsync(MediBlocSigner signer, string workflow) =>
        ConnectAsync(signer, Require(Settings.Addresses.Studies, "StudiesAddress", workflow), (connection, address) => new StudiesClient(connection, address));
    public Task<InsuranceClaimsClient> GetInsuranceClaimsAsync(MediBlocSigner signer, string workflow) =>
        ConnectAsync(signer, Require(Settings.Addresses.InsuranceClaims, "InsuranceClaimsAddress", workflow), (connection, address) => new InsuranceClaimsClient(connection, address));

    /// <summary>A contract client on this key's connection; the address is checked before any connection is made.</summary>
    private async Task<T> ConnectAsync<T>(MediBlocSigner signer, EvmAddress address, Func<ChainConnection, EvmAddress, T> create) =>
        create(await GetConnectionAsync(signer).ConfigureAwait(false), address);

    public Task<DateTimeOffset> GetChainTimeAsync(Secp256k1PrivateKey key, CancellationToken cancellationToken) =>
        GetChainTimeAsync(new LocalKeySigner(key), cancellationToken);

    public virtual async Task<DateTimeOffset> GetChainTimeAsync(MediBlocSigner signer, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(signer).ConfigureAwait(false);
        var block = await connection.RpcAsync(
            () => connection.Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(Nethereum.RPC.Eth.DTOs.BlockParameter.CreateLatest()),
            "read the latest block", null, cancellationToken).ConfigureAwait(false);
        return DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
    }

    public virtual async Task<long> GetGasUsedAsync(MediBlocSigner signer, string transactionHash, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(signer).ConfigureAwait(false);
        var receipt = await connection.RpcAsync(
            () => connection.Web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(transactionHash),
            "read a receipt", null, cancellationToken).ConfigureAwait(false);
        return receipt?.GasUsed is { } gas ? (long)gas.Value : 0;
    }

    /// <summary>
    /// The address of an optional contract, or an exception that names the option to set. Contracts other than the
    /// record registry are checked only when a workflow needs them, so a client that only publishes needs only the registry.
    /// </summary>
    private static EvmAddress Require(EvmAddress? address, string optionName, string workflow) =>
        address is null
            ? throw new InvalidOperationException(
                $"To {workflow}, set MediBlocClientOptions.{optionName} (MediBlocClient.DeployContractsAsync deploys every contract; pass its result to MediBlocClientOptions.UseDeployment).")
            : address.Value;
}

using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage;
using MediBloc.Sdk.Storage.Ipfs;
using Nethereum.JsonRpc.Client;

namespace MediBloc.Sdk;

/// <summary>Options for <see cref="MediBlocClient"/>: which chain, which contracts, which content store.</summary>
public sealed class MediBlocClientOptions
{
    /// <summary>
    /// The EVM node's JSON-RPC endpoint, e.g. <c>http://127.0.0.1:8545</c>. Set this or <see cref="ChainClient"/>.
    /// </summary>
    public Uri? ChainRpcUrl { get; set; }

    /// <summary>
    /// A Nethereum JSON-RPC client to reach the chain through, instead of <see cref="ChainRpcUrl"/>: an in-process chain
    /// (MediBloc.Sdk.EmbeddedChain's <c>options.UseInProcessChain(chain)</c>), or a client with your own transport,
    /// authentication or interceptors. Set this or <see cref="ChainRpcUrl"/>. Every account's connection shares it,
    /// so it must be thread-safe (Nethereum's <c>RpcClient</c> is).
    /// </summary>
    public IClient? ChainClient { get; set; }

    /// <summary>
    /// The chain id transactions are signed for (EIP-155). When <see langword="null"/>, it is read once from the
    /// chain (<c>eth_chainId</c> over <see cref="ChainClient"/> or <see cref="ChainRpcUrl"/>).
    /// </summary>
    public long? ChainId { get; set; }

    /// <summary>The address of the deployed record registry contract. Required; see <see cref="MediBlocClient.DeployContractsAsync(Uri, Crypto.Secp256k1PrivateKey, ChainConnectionOptions?, CancellationToken)"/>.</summary>
    public string? RecordRegistryAddress { get; set; }

    /// <summary>The credentials contract's address; needed to certify accounts and to check roles.</summary>
    public string? CredentialsAddress { get; set; }

    /// <summary>The access grants contract's address; needed to share, revoke, audit, and for delegates and guardians.</summary>
    public string? AccessGrantsAddress { get; set; }

    /// <summary>The emergency access contract's address; needed for the emergency profile and break-the-glass.</summary>
    public string? EmergencyAccessAddress { get; set; }

    /// <summary>The MED token's address; needed to pay with MED.</summary>
    public string? MedTokenAddress { get; set; }

    /// <summary>The MediPoints contract's address; needed to see, earn and buy points.</summary>
    public string? MediPointsAddress { get; set; }

    /// <summary>The storage quota contract's address; needed to see and buy storage quota.</summary>
    public string? StorageQuotaAddress { get; set; }

    /// <summary>The data market's address; needed to post, consent to and pay data requests.</summary>
    public string? DataMarketAddress { get; set; }

    /// <summary>The search index's address; needed to list records for research and to search for candidates.</summary>
    public string? SearchIndexAddress { get; set; }

    /// <summary>The studies contract's address; needed for clinical-trial recruitment (studies, interest, enrolment).</summary>
    public string? StudiesAddress { get; set; }
    /// <summary>The insurance claims contract (policy pools, claims filed, paid or denied); needed by insurers and by patients filing claims.</summary>
    public string? InsuranceClaimsAddress { get; set; }

    /// <summary>
    /// A relayer: any funded account that is not a patient's, through which the SDK sends a patient's search-index
    /// updates and data-market consents, key releases and withdrawals (the search-index entry key's signature
    /// authorizes them, not the sender). When set, those go through it by default. When <see langword="null"/>, they
    /// go out from the patient's own account, and anyone who reads transaction senders links the patient's address
    /// to the index entries and to the requests the patient consented to.
    /// </summary>
    public Crypto.Secp256k1PrivateKey? RelayerKey { get; set; }

    /// <summary>
    /// Takes every contract address (and the chain id) from a deployment, as returned by
    /// <see cref="MediBlocClient.DeployContractsAsync(Uri, Crypto.Secp256k1PrivateKey, ChainConnectionOptions?, CancellationToken)"/>.
    /// </summary>
    /// <param name="deployment">The deployment.</param>
    /// <returns>These options, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deployment"/> is null.</exception>
    public MediBlocClientOptions UseDeployment(MediBlocDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ChainId = deployment.ChainId;
        RecordRegistryAddress = deployment.RecordRegistryAddress.ToString();
        CredentialsAddress = deployment.CredentialsAddress?.ToString();
        AccessGrantsAddress = deployment.AccessGrantsAddress?.ToString();
        EmergencyAccessAddress = deployment.EmergencyAccessAddress?.ToString();
        MedTokenAddress = deployment.MedTokenAddress?.ToString();
        MediPointsAddress = deployment.MediPointsAddress?.ToString();
        StorageQuotaAddress = deployment.StorageQuotaAddress?.ToString();
        DataMarketAddress = deployment.DataMarketAddress?.ToString();
        SearchIndexAddress = deployment.SearchIndexAddress?.ToString();
        StudiesAddress = deployment.StudiesAddress?.ToString();
        InsuranceClaimsAddress = deployment.InsuranceClaimsAddress?.ToString();
        return this;
    }

    /// <summary>
    /// The IPFS node's Kubo RPC endpoint, e.g. <c>http://127.0.0.1:5001</c>. Used when <see cref="ContentStore"/>
    /// is not set.
    /// </summary>
    public Uri? IpfsApiUrl { get; set; }

    /// <summary>The content store sealed envelopes are kept in. Overrides <see cref="IpfsApiUrl"/> when set.</summary>
    public IContentStore? ContentStore { get; set; }

    /// <summary>
    /// Where sealed records wait until they are stored and anchored, so that a crash, a node outage or a
    /// cancellation never loses one (see <see cref="Roles.Patient.PatientClient.ResumePendingAsync"/>). When
    /// <see langword="null"/>, a <see cref="FileRecordOutbox"/> in <see cref="FileRecordOutbox.DefaultDirectory"/>.
    /// </summary>
    public IRecordOutbox? Outbox { get; set; }

    /// <summary>Timeouts, receipt polling and gas for chain calls.</summary>
    public ChainConnectionOptions Chain { get; set; } = new();

    /// <summary>Timeouts and retries for the IPFS RPC client created from <see cref="IpfsApiUrl"/>.</summary>
    public KuboRpcClientOptions Ipfs { get; set; } = new();

    /// <summary>
    /// The largest envelope <see cref="Roles.Provider.ProviderClient.OpenAsync(Storage.ContentId, CancellationToken)"/> reads into memory. Default 256 MiB.
    /// </summary>
    public long MaxEnvelopeBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// The largest share or batch manifest read, in bytes (default 4 MiB, about 20 000 records). Manifests are named by
    /// other accounts' chain events, so a larger one is refused without being read further, reported as
    /// <see cref="Records.ManifestProblemCodes.TooLarge"/> and remembered, so it is not fetched again on every listing.
    /// </summary>
    public long MaxManifestBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>
    /// From how many records on <see cref="Roles.Patient.PatientClient.PublishManyAsync"/> anchors them as one Merkle root
    /// (one transaction, with a batch manifest in the content store) instead of one anchor each. Default 8; at least 1.
    /// </summary>
    public int BatchAnchorThreshold { get; set; } = 8;

    /// <summary>Checks the options once; <see cref="MediBlocClient"/> calls it.</summary>
    /// <exception cref="ArgumentException">A required option is missing or an option is invalid; the message names it.</exception>
    public void Validate()
    {
        if (ChainRpcUrl is null && ChainClient is null)
        {
            throw new ArgumentException("Set MediBlocClientOptions.ChainRpcUrl to the EVM node's JSON-RPC URL, or ChainClient to a JSON-RPC client (for an in-process chain: options.UseInProcessChain(chain) from MediBloc.Sdk.EmbeddedChain).", nameof(ChainRpcUrl));
        }
        if (ChainRpcUrl is not null && ChainClient is not null)
        {
            throw new ArgumentException("Set either MediBlocClientOptions.ChainRpcUrl or ChainClient, not both.", nameof(ChainClient));
        }
        if (ChainRpcUrl is not null && !ChainRpcUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("MediBlocClientOptions.ChainRpcUrl must be an absolute URL.", nameof(ChainRpcUrl));
        }
        if (string.IsNullOrWhiteSpace(RecordRegistryAddress))
        {
            throw new ArgumentException(
                "Set MediBlocClientOptions.RecordRegistryAddress (deploy the contracts with MediBlocClient.DeployContractsAsync).",
                nameof(RecordRegistryAddress));
        }
        if (ContentStore is null && IpfsApiUrl is null)
        {
            throw new ArgumentException("Set MediBlocClientOptions.ContentStore or IpfsApiUrl.", nameof(ContentStore));
        }
        if (ChainId is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ChainId), ChainId, "The chain id must be positive.");
        }
        if (MaxEnvelopeBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEnvelopeBytes), MaxEnvelopeBytes, "Must be positive.");
        }
        if (MaxManifestBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxManifestBytes), MaxManifestBytes, "Must be positive.");
        }
        if (BatchAnchorThreshold < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchAnchorThreshold), BatchAnchorThreshold, "MediBlocClientOptions.BatchAnchorThreshold must be at least 1 (1 anchors every PublishManyAsync call as a batch).");
        }
        foreach (var (address, name) in new[]
        {
            (RecordRegistryAddress, nameof(RecordRegistryAddress)), (CredentialsAddress, nameof(CredentialsAddress)), (AccessGrantsAddress, nameof(AccessGrantsAddress)),
            (EmergencyAccessAddress, nameof(EmergencyAccessAddress)), (MedTokenAddress, nameof(MedTokenAddress)), (MediPointsAddress, nameof(MediPointsAddress)),
            (StorageQuotaAddress, nameof(StorageQuotaAddress)), (DataMarketAddress, nameof(DataMarketAddress)), (SearchIndexAddress, nameof(SearchIndexAddress)),
            (StudiesAddress, nameof(StudiesAddress)), (InsuranceClaimsAddress, nameof(InsuranceClaimsAddress)),
        })
        {
            ParseAddress(address, name);
        }
        ArgumentNullException.ThrowIfNull(Chain);
        ArgumentNullException.ThrowIfNull(Ipfs);
        Chain.Validate();
    }

    /// <summary>A contract address option, parsed once when the client is made; null or blank as <see langword="null"/>.</summary>
    /// <exception cref="ArgumentException">The text is not an EVM address.</exception>
    internal static EvmAddress? ParseAddress(string? text, string optionName) =>
        string.IsNullOrWhiteSpace(text) ? null
        : EvmAddress.TryParse(text, out var address) ? address
        : throw new ArgumentException($"MediBlocClientOptions.{optionName} is not an EVM address (0x followed by 40 hex digits, all one case or with a valid EIP-55 checksum).", optionName);
}

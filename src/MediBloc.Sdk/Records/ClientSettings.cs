using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Outbox;
using MediBloc.Sdk.Storage;
using Microsoft.Extensions.Logging;

namespace MediBloc.Sdk.Records;

/// <summary>The values of <see cref="MediBlocClientOptions"/> that role clients read, fixed when the client is built.</summary>
internal sealed record ClientSettings(IContentStore ContentStore, IRecordOutbox Outbox, ILogger Logger, ContractAddresses Addresses)
{
    public required long MaxEnvelopeBytes { get; init; }

    public required long MaxManifestBytes { get; init; }

    public required int BatchAnchorThreshold { get; init; }

    public Secp256k1PrivateKey? RelayerKey { get; init; }
}

/// <summary>The deployed contracts' addresses; only the record registry is required.</summary>
internal sealed record ContractAddresses(EvmAddress RecordRegistry)
{
    public EvmAddress? Credentials { get; init; }

    public EvmAddress? AccessGrants { get; init; }

    public EvmAddress? EmergencyAccess { get; init; }

    public EvmAddress? MedToken { get; init; }

    public EvmAddress? MediPoints { get; init; }

    public EvmAddress? StorageQuota { get; init; }

    public EvmAddress? DataMarket { get; init; }

    public EvmAddress? SearchIndex { get; init; }

    public EvmAddress? Studies { get; init; }
    /// <summary>The insurance claims contract, or <see langword="null"/>.</summary>
    public EvmAddress? InsuranceClaims { get; init; }
}

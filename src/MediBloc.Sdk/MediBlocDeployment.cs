using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk;

/// <summary>Where the SDK's contracts were deployed; pass it to <see cref="MediBlocClientOptions.UseDeployment"/>.</summary>
/// <param name="ChainId">The chain they live on.</param>
/// <param name="RecordRegistryAddress">The record registry's address.</param>
public sealed record MediBlocDeployment(long ChainId, EvmAddress RecordRegistryAddress)
{
    /// <summary>The credentials contract (certified providers, emergency providers, researchers); the deployer is its admin and an authority.</summary>
    public EvmAddress? CredentialsAddress { get; init; }

    /// <summary>The access grants contract (EIP-712 grants, delegates, guardians, read audit).</summary>
    public EvmAddress? AccessGrantsAddress { get; init; }

    /// <summary>The emergency access contract (vital-info profile, break-the-glass).</summary>
    public EvmAddress? EmergencyAccessAddress { get; init; }

    /// <summary>The MED token; the deployer holds the initial supply.</summary>
    public EvmAddress? MedTokenAddress { get; init; }

    /// <summary>The MediPoints contract; the deployer is its admin, its reward pool is funded and Credentials is its locker.</summary>
    public EvmAddress? MediPointsAddress { get; init; }

    /// <summary>Who receives the MED of slashed deposits, expired points and storage purchases (the deployer).</summary>
    public EvmAddress? TreasuryAddress { get; init; }

    /// <summary>The storage quota contract (1 GB free, more bought with MED; the MED goes to the deployer).</summary>
    public EvmAddress? StorageQuotaAddress { get; init; }

    /// <summary>The data market (researchers' requests with MED escrow, per-record consent, payment on delivery).</summary>
    public EvmAddress? DataMarketAddress { get; init; }

    /// <summary>The opt-in research search index (de-identified metadata under opaque handles).</summary>
    public EvmAddress? SearchIndexAddress { get; init; }

    /// <summary>The studies contract (clinical-trial recruitment: studies, anonymous interest counts, enrolments).</summary>
    public EvmAddress? StudiesAddress { get; init; }
    /// <summary>The insurance claims contract (certified insurers' policy pools in MED, claims filed, paid or denied once).</summary>
    public EvmAddress? InsuranceClaimsAddress { get; init; }
}

using MediBloc.Sdk.EmbeddedChain;

namespace MediBloc.Sdk.Testing;

/// <summary>Options for <see cref="MediBlocTestEnvironment.StartAsync(MediBlocTestEnvironmentOptions?, CancellationToken)"/>.</summary>
public sealed class MediBlocTestEnvironmentOptions
{
    /// <summary>The in-process chain's settings (chain id, clock, balances); <see langword="null"/> for anvil-like defaults. Keep at least 6 accounts.</summary>
    public InProcessChainOptions? Chain { get; set; }

    /// <summary>
    /// The folder under which the environment's temporary folder (the content store) is created; <see langword="null"/>
    /// for the system's temporary folder. The environment's own folder is deleted on dispose.
    /// </summary>
    public string? TemporaryRoot { get; set; }

    /// <summary>Whether to certify <see cref="MediBlocTestEnvironment.ProviderKey"/> as a provider when the environment starts. Default <see langword="true"/>.</summary>
    public bool CertifyProvider { get; set; } = true;

    /// <summary>Whether the patient's relayed transactions go through <see cref="MediBlocTestEnvironment.RelayerKey"/> (<see cref="MediBlocClientOptions.RelayerKey"/>). Default <see langword="true"/>.</summary>
    public bool UseRelayer { get; set; } = true;

    internal void Validate()
    {
        if (Chain is { AccountCount: < MediBlocTestEnvironment.NamedAccounts })
        {
            throw new ArgumentOutOfRangeException(nameof(Chain), Chain.AccountCount, $"The test environment needs at least {MediBlocTestEnvironment.NamedAccounts} development accounts.");
        }
    }
}

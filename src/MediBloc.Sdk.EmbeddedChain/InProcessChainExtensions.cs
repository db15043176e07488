using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;

namespace MediBloc.Sdk.EmbeddedChain;

/// <summary>
/// Wires an <see cref="InProcessChain"/> into MediBloc.Sdk: point a <see cref="MediBlocClientOptions"/> at it and
/// deploy the SDK's contracts on it. MediBloc.Sdk itself knows nothing of the in-process chain (it talks to any
/// Nethereum <see cref="Nethereum.JsonRpc.Client.IClient"/>), so only apps that reference this package ship the EVM.
/// </summary>
public static class InProcessChainExtensions
{
    /// <summary>
    /// Points the options at an in-process chain: sets <see cref="MediBlocClientOptions.ChainClient"/> to the chain's
    /// JSON-RPC client and <see cref="MediBlocClientOptions.ChainId"/> to its id. Leave
    /// <see cref="MediBlocClientOptions.ChainRpcUrl"/> unset.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="chain">The chain.</param>
    /// <returns>The same options, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static MediBlocClientOptions UseInProcessChain(this MediBlocClientOptions options, InProcessChain chain)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(chain);
        options.ChainClient = chain.CreateRpcClient();
        options.ChainId = chain.ChainId;
        return options;
    }

    /// <summary>
    /// Deploys the SDK's contracts on the chain (the same suite as
    /// <see cref="MediBlocClient.DeployContractsAsync(Uri, Secp256k1PrivateKey, ChainConnectionOptions?, CancellationToken)"/>)
    /// and returns their addresses, to put into <see cref="MediBlocClientOptions.UseDeployment"/>.
    /// </summary>
    /// <param name="chain">The chain.</param>
    /// <param name="deployer">The key that pays for the deployment and becomes the admin, a credentials authority and the
    /// treasury; <see langword="null"/> for the chain's first funded development account (<c>Accounts[0]</c>).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The deployed addresses and the chain id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chain"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="deployer"/> is null and the chain has no development accounts.</exception>
    /// <exception cref="ChainException">A deployment failed (for example, the deployer has no funds).</exception>
    public static async Task<MediBlocDeployment> DeployMediBlocContractsAsync(
        this InProcessChain chain, Secp256k1PrivateKey? deployer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (deployer is not null)
        {
            return await MediBlocClient.DeployContractsAsync(chain.CreateRpcClient(), deployer, chainOptions: null, cancellationToken).ConfigureAwait(false);
        }
        if (chain.Accounts.Count == 0)
        {
            throw new InvalidOperationException("The chain has no development accounts (InProcessChainOptions.AccountCount is 0); pass a funded deployer key.");
        }
        using var first = Secp256k1PrivateKey.FromHex(chain.Accounts[0].PrivateKey);
        return await MediBlocClient.DeployContractsAsync(chain.CreateRpcClient(), first, chainOptions: null, cancellationToken).ConfigureAwait(false);
    }
}

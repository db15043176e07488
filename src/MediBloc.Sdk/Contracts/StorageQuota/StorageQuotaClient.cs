using MediBloc.Sdk.Crypto;
using System.Numerics;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.StorageQuota.Messages;
using Nethereum.ABI;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Contracts.StorageQuota;

/// <summary>
/// The storage quota: every account may store a free quota (<see cref="FreeQuotaBytes"/>, 1 GB, on the SDK's
/// deployments; see <see cref="GetFreeQuotaAsync"/>) and buys more with MED in
/// whole gigabytes (approve the price to <see cref="ContractClient.ContractAddress"/> first). The MED goes to the treasury named at
/// deployment.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public class StorageQuotaClient : ContractClient
{
    /// <summary>The free quota of every account on the SDK's deployments: 1 GB (10⁹ bytes).</summary>
    public const long FreeQuotaBytes = 1_000_000_000;

    /// <summary>The unit of purchase: 1 GB (10⁹ bytes).</summary>
    public const long GigabyteBytes = 1_000_000_000;

    /// <summary>For mocking only.</summary>
    protected StorageQuotaClient()
    {
    }

    /// <summary>Creates a client for a <c>StorageQuota</c> contract already deployed at <paramref name="contractAddress"/>.</summary>
    /// <param name="connection">The account and node to use.</param>
    /// <param name="contractAddress">The contract's address.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public StorageQuotaClient(ChainConnection connection, EvmAddress contractAddress)
        // Buying calls the MED token, whose ERC-20 errors bubble up: decode those too.
        : base(connection, contractAddress, nameof(StorageQuotaClient), [.. ContractArtifact.StorageQuota.Errors, .. ContractArtifact.MedToken.Errors])
    {
    }

    /// <summary>Deploys a storage quota contract.</summary>
    /// <param name="connection">The deploying account and node.</param>
    /// <param name="medTokenAddress">The MED token.</param>
    /// <param name="treasuryAddress">Who receives the MED paid for quota.</param>
    /// <param name="medPerGigabyte">The price of one gigabyte in MED's smallest unit (positive).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A client bound to the new contract.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="medPerGigabyte"/> is not positive.</exception>
    /// <exception cref="ChainException">The node is unavailable or the deployment failed (<c>ZeroValue</c> for a zero address).</exception>
    public static Task<StorageQuotaClient> DeployAsync(ChainConnection connection, EvmAddress medTokenAddress, EvmAddress treasuryAddress, BigInteger medPerGigabyte, CancellationToken cancellationToken = default) =>
        DeployAsync(connection, medTokenAddress, treasuryAddress, medPerGigabyte, FreeQuotaBytes, cancellationToken);

    /// <summary>Deploys a storage quota contract with its own free quota (for example a small one for a test network).</summary>
    /// <param name="connection">The deploying account and node.</param>
    /// <param name="medTokenAddress">The MED token.</param>
    /// <param name="treasuryAddress">Who receives the MED paid for quota.</param>
    /// <param name="medPerGigabyte">The price of one gigabyte in MED's smallest unit (positive).</param>
    /// <param name="freeQuotaBytes">The free quota of every account, in bytes (zero or more).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A client bound to the new contract.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="medPerGigabyte"/> is not positive or <paramref name="freeQuotaBytes"/> is negative.</exception>
    /// <exception cref="ChainException">The node is unavailable or the deployment failed (<c>ZeroValue</c> for a zero address).</exception>
    public static async Task<StorageQuotaClient> DeployAsync(
        ChainConnection connection, EvmAddress medTokenAddress, EvmAddress treasuryAddress, BigInteger medPerGigabyte, long freeQuotaBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(medPerGigabyte);
        ArgumentOutOfRangeException.ThrowIfNegative(freeQuotaBytes);
        var arguments = new ABIEncode().GetABIEncoded(
            new ABIValue("address", medTokenAddress.ToString()),
            new ABIValue("address", treasuryAddress.ToString()),
            new ABIValue("uint256", medPerGigabyte),
            new ABIValue("uint256", new BigInteger(freeQuotaBytes)));
        var deployment = await connection.DeployAsync(ContractArtifact.StorageQuota, arguments, cancellationToken).ConfigureAwait(false);
        return new StorageQuotaClient(connection, deployment.ContractAddress);
    }

    /// <summary>Buys more quota for the connection's account; approve <c>gigabytes × price</c> MED to <see cref="ContractClient.ContractAddress"/> first.</summary>
    /// <param name="gigabytes">How many gigabytes (positive).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The purchase, with the account's new quota.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gigabytes"/> is not positive.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the MED payment failed: <c>ERC20InsufficientAllowance</c>, <c>ERC20InsufficientBalance</c>.</exception>
    public virtual async Task<QuotaPurchase> BuyAsync(long gigabytes, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(gigabytes);
        var receipt = await SendReceiptAsync(new BuyFunction { Gigabytes = gigabytes }, "Buy", "buy storage quota", cancellationToken).ConfigureAwait(false);
        var bought = receipt.DecodeAllEvents<QuotaBoughtEventDto>().Single().Event;
        return new QuotaPurchase(receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value, bought.Gigabytes, bought.MedPaid, (long)bought.Quota);
    }

    /// <summary>An account's quota in bytes: the free quota plus what it bought. It never shrinks.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The quota in bytes.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<long> GetQuotaAsync(EvmAddress account, CancellationToken cancellationToken = default)
    {
        var quota = await Connection.CallValueAsync<QuotaOfFunction, BigInteger>(ContractAddress, new QuotaOfFunction { Account = account.ToString() }, Errors, "read a storage quota", cancellationToken).ConfigureAwait(false);
        return (long)quota;
    }

    /// <summary>The price of one gigabyte, in MED's smallest unit.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The price.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<BigInteger> GetPricePerGigabyteAsync(CancellationToken cancellationToken = default) =>
        Connection.CallValueAsync<MedPerGigabyteFunction, BigInteger>(ContractAddress, new MedPerGigabyteFunction(), Errors, "read the quota price", cancellationToken);

    /// <summary>The free quota of every account, in bytes, as set at deployment.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The free quota.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<long> GetFreeQuotaAsync(CancellationToken cancellationToken = default) =>
        (long)await Connection.CallValueAsync<FreeQuotaFunction, BigInteger>(ContractAddress, new FreeQuotaFunction(), Errors, "read the free quota", cancellationToken).ConfigureAwait(false);
}

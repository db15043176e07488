using MediBloc.Sdk.Crypto;
using System.Numerics;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.MediPoints.Messages;
using Nethereum.ABI;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using MediBloc.Sdk.Contracts.RecordRegistry;

namespace MediBloc.Sdk.Contracts.MediPoints;

/// <summary>
/// MediPoints: non-transferable points, always backed by MED held by the contract. Points are bought with MED, or
/// earned by the author of a record a certified provider wrote into a patient's record (once per record id, within
/// weekly caps per author and per patient, each reward reserving its MED from a funded reward pool). Points minted in
/// one week form a lot that converts back to MED 90 days and expires 730 days after the end of that week.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public partial class MediPointsClient : ContractClient
{
    /// <summary>For mocking only.</summary>
    protected MediPointsClient()
    {
    }

    /// <summary>Creates a client for a MediPoints contract already deployed at <paramref name="contractAddress"/>.</summary>
    /// <param name="connection">The account and node to use.</param>
    /// <param name="contractAddress">The contract's address.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public MediPointsClient(ChainConnection connection, EvmAddress contractAddress)
        // Buying, funding and converting call the MED token, whose ERC-20 errors bubble up: decode those too.
        : base(connection, contractAddress, nameof(MediPointsClient), [.. ContractArtifact.MediPoints.Errors, .. ContractArtifact.MedToken.Errors])
    {
    }

    /// <summary>Deploys MediPoints; the connection's account becomes its admin (rates, caps, lockers, treasury).</summary>
    /// <param name="connection">The deploying account and node.</param>
    /// <param name="medTokenAddress">The MED token.</param>
    /// <param name="recordRegistryAddress">The record registry whose provider-authored records earn rewards.</param>
    /// <param name="medPerPoint">The price of one point in MED's smallest unit (positive).</param>
    /// <param name="treasuryAddress">Who receives slashed, expired and withdrawn MED; <see langword="null"/> for the deploying account.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A client bound to the new contract.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="medPerPoint"/> is not positive.</exception>
    /// <exception cref="ChainException">The node is unavailable or the deployment failed.</exception>
    public static async Task<MediPointsClient> DeployAsync(ChainConnection connection, EvmAddress medTokenAddress, EvmAddress recordRegistryAddress, BigInteger medPerPoint, EvmAddress? treasuryAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(medPerPoint);
        var arguments = new ABIEncode().GetABIEncoded(
            new ABIValue("address", medTokenAddress.ToString()),
            new ABIValue("address", recordRegistryAddress.ToString()),
            new ABIValue("uint256", medPerPoint),
            new ABIValue("address", (treasuryAddress ?? connection.Address).ToString()));
        var deployment = await connection.DeployAsync(ContractArtifact.MediPoints, arguments, cancellationToken).ConfigureAwait(false);
        return new MediPointsClient(connection, deployment.ContractAddress);
    }

    /// <summary>Sets the points a provider-authored record of a content type earns its author (zero stops rewards). Admin only.</summary>
    /// <param name="contentType">The content type, as records are anchored with it.</param>
    /// <param name="points">The reward (not negative).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentException"><paramref name="contentType"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is negative.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotAdmin</c>.</exception>
    public virtual Task<TransactionResult> SetRateAsync(string contentType, BigInteger points, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        return SendAsync(new SetRateFunction { ContentTypeId = ContentTypeId.Of(contentType).ToBytes(), Points = points }, "SetRate", "set a reward rate", cancellationToken);
    }

    /// <summary>The points a provider-authored record of a content type earns.</summary>
    /// <param name="contentType">The content type.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reward.</returns>
    /// <exception cref="ArgumentException"><paramref name="contentType"/> is null or empty.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<BigInteger> GetRateAsync(string contentType, CancellationToken cancellationToken = default) =>
        Connection.CallValueAsync<RateOfFunction, BigInteger>(ContractAddress, new RateOfFunction { ContentTypeId = ContentTypeId.Of(contentType).ToBytes() }, Errors, "read a reward rate", cancellationToken);

    /// <summary>Sets the weekly reward caps. Admin only.</summary>
    /// <param name="perAuthor">The most reward points one author earns per week (not negative).</param>
    /// <param name="perPatient">The most reward points one patient's records earn per week (not negative).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A cap is negative.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotAdmin</c>.</exception>
    public virtual Task<TransactionResult> SetRewardCapsAsync(BigInteger perAuthor, BigInteger perPatient, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perAuthor);
        ArgumentOutOfRangeException.ThrowIfNegative(perPatient);
        return SendAsync(new SetRewardCapsFunction { PerAuthor = perAuthor, PerPatient = perPatient }, "SetRewardCaps", "set the reward caps", cancellationToken);
    }

    /// <summary>The weekly reward caps.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The most points one author, and one patient's records, earn per week.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<(BigInteger PerAuthor, BigInteger PerPatient)> GetRewardCapsAsync(CancellationToken cancellationToken = default)
    {
        var perAuthor = await Connection.CallValueAsync<AuthorCapPerWeekFunction, BigInteger>(ContractAddress, new AuthorCapPerWeekFunction(), Errors, "read the reward caps", cancellationToken).ConfigureAwait(false);
        var perPatient = await Connection.CallValueAsync<PatientCapPerWeekFunction, BigInteger>(ContractAddress, new PatientCapPerWeekFunction(), Errors, "read the reward caps", cancellationToken).ConfigureAwait(false);
        return (perAuthor, perPatient);
    }

    /// <summary>Claims the reward of a record the connection's account wrote into a patient's record; once per record.</summary>
    /// <param name="recordId">The record id (32 bytes): keccak256(abi.encode(owner, commitment)).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownRecord</c>, <c>NotProviderAuthored</c> (the owner anchored it: such records earn nothing), <c>NotRecordAuthor</c>, <c>AlreadyRewarded</c>, <c>NoRewardRate</c>, <c>AuthorRewardCapReached</c>, <c>PatientRewardCapReached</c>, <c>RewardPoolExhausted</c>.</exception>
    public virtual Task<TransactionResult> ClaimRecordRewardAsync(RecordId recordId, CancellationToken cancellationToken = default) =>
        SendAsync(new ClaimRecordRewardFunction { RecordId = recordId.ToBytes() }, "ClaimRecordReward", "claim a record reward", cancellationToken);

    /// <summary>Whether a record's reward was claimed.</summary>
    /// <param name="recordId">The record id (32 bytes).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> once claimed.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<bool> IsRewardedAsync(RecordId recordId, CancellationToken cancellationToken = default) =>
        Connection.CallValueAsync<IsRewardedFunction, bool>(ContractAddress, new IsRewardedFunction { RecordId = recordId.ToBytes() }, Errors, "read a reward claim", cancellationToken);

    /// <summary>Buys points with MED; approve <c>points × medPerPoint</c> MED to <see cref="ContractClient.ContractAddress"/> first.</summary>
    /// <param name="points">How many points (positive).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is not positive.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the MED payment failed: <c>ERC20InsufficientAllowance</c>, <c>ERC20InsufficientBalance</c>, <c>MedTransferFailed</c>.</exception>
    public virtual Task<TransactionResult> BuyAsync(BigInteger points, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        return SendAsync(new BuyFunction { Points = points }, "Buy", "buy MediPoints", cancellationToken);
    }

    /// <summary>Converts free, unlocked, unexpired points (oldest lots first) back to MED.</summary>
    /// <param name="points">How many points (positive).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is not positive.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>InsufficientConvertible</c> (with the convertible amount; points are locked for 90 days).</exception>
    public virtual Task<TransactionResult> ConvertAsync(BigInteger points, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        return SendAsync(new ConvertFunction { Points = points }, "Convert", "convert MediPoints to MED", cancellationToken);
    }

    /// <summary>An account's free, unexpired points (points held in deposits are not counted: see <see cref="GetLockedAsync"/>).</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The balance.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<BigInteger> GetBalanceAsync(EvmAddress account, CancellationToken cancellationToken = default) =>
        Connection.CallValueAsync<BalanceOfFunction, BigInteger>(ContractAddress, new BalanceOfFunction { Account = account.ToString() }, Errors, "read a points balance", cancellationToken);

    /// <summary>An account's points convertible now: free, past their lock and unexpired.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The convertible balance.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<BigInteger> GetConvertibleAsync(EvmAddress account, CancellationToken cancellationToken = default) =>
        Connection.CallValueAsync<ConvertibleOfFunction, BigInteger>(ContractAddress, new ConvertibleOfFunction { Account = account.ToString() }, Errors, "read convertible points", cancellationToken);
}

using System.Diagnostics;
using System.Numerics;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Points.Messages;
using MediBloc.Sdk.Records;
using Nethereum.ABI;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MediBloc.Sdk.Points;

/// <summary>
/// MediPoints: non-transferable points. A patient claims them once per anchored record (at a rate per content type)
/// or buys them with MED; each lot converts back to MED only after a 3-month lock and expires 24 months after minting.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public partial class MediPointsClient
{
    private readonly ChainConnection _connection = null!;
    private readonly IReadOnlyList<ContractError> _errors = null!;

    /// <summary>For mocking only.</summary>
    protected MediPointsClient()
    {
        ContractAddress = string.Empty;
    }

    /// <summary>Creates a client for a MediPoints contract already deployed at <paramref name="contractAddress"/>.</summary>
    /// <param name="connection">The account and node to use.</param>
    /// <param name="contractAddress">The contract's address (0x-hex).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="contractAddress"/> is not an EVM address.</exception>
    public MediPointsClient(ChainConnection connection, string contractAddress)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ContractAddress = AbiValues.Address(contractAddress, nameof(contractAddress));
        _connection = connection;
        // Buying and converting call the MED token, whose ERC-20 errors bubble up: decode those too.
        _errors = [.. ContractArtifact.MediPoints.Errors, .. ContractArtifact.MedToken.Errors];
    }

    /// <summary>The contract's address (checksummed).</summary>
    public virtual string ContractAddress { get; }

    /// <summary>Deploys MediPoints; the connection's account becomes its admin (sets reward rates).</summary>
    /// <param name="connection">The deploying account and node.</param>
    /// <param name="medTokenAddress">The MED token.</param>
    /// <param name="recordRegistryAddress">The record registry whose records earn points.</param>
    /// <param name="medPerPoint">The price of one point in MED's smallest unit (positive).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A client bound to the new contract.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="medPerPoint"/> is not positive.</exception>
    /// <exception cref="InvalidFormatException">An address is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable or the deployment failed.</exception>
    public static async Task<MediPointsClient> DeployAsync(ChainConnection connection, string medTokenAddress, string recordRegistryAddress, BigInteger medPerPoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(medPerPoint);
        var arguments = new ABIEncode().GetABIEncoded(
            new ABIValue("address", AbiValues.Address(medTokenAddress, nameof(medTokenAddress))),
            new ABIValue("address", AbiValues.Address(recordRegistryAddress, nameof(recordRegistryAddress))),
            new ABIValue("uint256", medPerPoint));
        var deployment = await connection.DeployAsync(ContractArtifact.MediPoints, arguments, cancellationToken).ConfigureAwait(false);
        return new MediPointsClient(connection, deployment.ContractAddress);
    }

    /// <summary>Sets the points a record of a content type earns (zero stops rewards). The connection's account must be the admin.</summary>
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
        var id = RecordRegistryClient.ComputeContentTypeId(contentType).HexToByteArray();
        return SendAsync(new SetRateFunction { ContentTypeId = id, Points = points }, "SetRate", "set a reward rate", cancellationToken);
    }

    /// <summary>The points a record of a content type earns.</summary>
    /// <param name="contentType">The content type.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reward.</returns>
    /// <exception cref="ArgumentException"><paramref name="contentType"/> is null or empty.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<BigInteger> GetRateAsync(string contentType, CancellationToken cancellationToken = default) =>
        _connection.CallValueAsync<RateOfFunction, BigInteger>(ContractAddress, new RateOfFunction { ContentTypeId = RecordRegistryClient.ComputeContentTypeId(contentType).HexToByteArray() }, _errors, "read a reward rate", cancellationToken);

    /// <summary>Claims the points for a record the connection's account anchored; once per record.</summary>
    /// <param name="commitment">The record's commitment (32 bytes).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentException"><paramref name="commitment"/> is not 32 bytes.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotRecordOwner</c>, <c>AlreadyRewarded</c>, <c>NoRewardRate</c>.</exception>
    public virtual Task<TransactionResult> ClaimRecordRewardAsync(ReadOnlyMemory<byte> commitment, CancellationToken cancellationToken = default) =>
        SendAsync(new ClaimRecordRewardFunction { Commitment = AbiValues.Bytes32(commitment.Span, nameof(commitment)) }, "ClaimRecordReward", "claim a record reward", cancellationToken);

    /// <summary>Buys points with MED; approve <c>points × medPerPoint</c> MED to <see cref="ContractAddress"/> first.</summary>
    /// <param name="points">How many points (positive).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is not positive.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the MED payment failed: <c>ERC20InsufficientAllowance</c>, <c>ERC20InsufficientBalance</c>.</exception>
    public virtual Task<TransactionResult> BuyAsync(BigInteger points, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        return SendAsync(new BuyFunction { Points = points }, "Buy", "buy MediPoints", cancellationToken);
    }

    /// <summary>Converts unlocked, unexpired points (oldest first) back to MED.</summary>
    /// <param name="points">How many points (positive).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is not positive.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>InsufficientConvertible</c> (with the convertible amount; points are locked for 3 months), or the contract holds too little MED (<c>ERC20InsufficientBalance</c>).</exception>
    public virtual Task<TransactionResult> ConvertAsync(BigInteger points, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        return SendAsync(new ConvertFunction { Points = points }, "Convert", "convert MediPoints to MED", cancellationToken);
    }

    /// <summary>An account's unexpired points.</summary>
    /// <param name="account">The account (0x-hex).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The balance.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="account"/> is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<BigInteger> GetBalanceAsync(string account, CancellationToken cancellationToken = default) =>
        _connection.CallValueAsync<BalanceOfFunction, BigInteger>(ContractAddress, new BalanceOfFunction { Account = AbiValues.Address(account, nameof(account)) }, _errors, "read a points balance", cancellationToken);

    /// <summary>An account's points that are past their lock and unexpired.</summary>
    /// <param name="account">The account (0x-hex).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The convertible balance.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="account"/> is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<BigInteger> GetConvertibleAsync(string account, CancellationToken cancellationToken = default) =>
        _connection.CallValueAsync<ConvertibleOfFunction, BigInteger>(ContractAddress, new ConvertibleOfFunction { Account = AbiValues.Address(account, nameof(account)) }, _errors, "read convertible points", cancellationToken);

    private async Task<TransactionResult> SendAsync<TFunction>(TFunction message, string name, string operation, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        using var activity = ChainDiagnostics.Source.StartActivity("MediPointsClient." + name);
        try
        {
            var receipt = await _connection.SendAsync(ContractAddress, message, _errors, operation, cancellationToken).ConfigureAwait(false);
            return new TransactionResult(receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }
}

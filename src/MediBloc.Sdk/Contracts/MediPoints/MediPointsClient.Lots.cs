using MediBloc.Sdk.Crypto;
using System.Numerics;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.MediPoints.Messages;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Contracts.MediPoints;

public partial class MediPointsClient
{
    /// <summary>How long a lot stays locked after the end of its week: 90 days.</summary>
    public static readonly TimeSpan LockPeriod = TimeSpan.FromDays(90);

    /// <summary>How long a lot lives after the end of its week: 730 days.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(730);

    /// <summary>The span of one lot: points minted to an account in one week (Unix time / 7 days) share a lot.</summary>
    public static readonly TimeSpan LotPeriod = TimeSpan.FromDays(7);

    /// <summary>An account's live lots with free points, oldest first, as the contract holds them (at most 106).</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lots.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<IReadOnlyList<MediPointsLot>> GetLotsAsync(EvmAddress account, CancellationToken cancellationToken = default)
    {
        var lots = await Connection.CallAsync<LotsOfFunction, LotsOfOutput>(ContractAddress, new LotsOfFunction { Account = account.ToString() }, Errors, "read points lots", cancellationToken).ConfigureAwait(false);
        var result = new List<MediPointsLot>(lots.Amounts.Count);
        for (var i = 0; i < lots.Amounts.Count; i++)
        {
            result.Add(new MediPointsLot(lots.Amounts[i], DateTimeOffset.FromUnixTimeSeconds((long)lots.UnlocksAt[i]), DateTimeOffset.FromUnixTimeSeconds((long)lots.ExpiresAt[i])));
        }
        return result;
    }

    /// <summary>The price of one point in MED's smallest unit, when buying, converting and backing a reward.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The price.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<BigInteger> GetPricePerPointAsync(CancellationToken cancellationToken = default) =>
        Connection.CallValueAsync<MedPerPointFunction, BigInteger>(ContractAddress, new MedPerPointFunction(), Errors, "read the points price", cancellationToken);

    /// <summary>Points outstanding: minted and not yet converted, slashed or swept; each is backed by its MED in the contract.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The points.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<BigInteger> GetOutstandingPointsAsync(CancellationToken cancellationToken = default) =>
        Connection.CallValueAsync<OutstandingPointsFunction, BigInteger>(ContractAddress, new OutstandingPointsFunction(), Errors, "read outstanding points", cancellationToken);

    /// <summary>The treasury: who receives slashed, expired and withdrawn MED.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The treasury's address.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<EvmAddress> GetTreasuryAsync(CancellationToken cancellationToken = default) =>
        AbiValues.Address(await Connection.CallValueAsync<TreasuryFunction, string>(ContractAddress, new TreasuryFunction(), Errors, "read the treasury", cancellationToken).ConfigureAwait(false), "treasury");

    /// <summary>Sets the treasury. Admin only.</summary>
    /// <param name="treasury">The new treasury.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotAdmin</c>, <c>ZeroValue</c>.</exception>
    public virtual Task<TransactionResult> SetTreasuryAsync(EvmAddress treasury, CancellationToken cancellationToken = default) =>
        SendAsync(new SetTreasuryFunction { Treasury = treasury.ToString() }, "SetTreasury", "set the treasury", cancellationToken);

    /// <summary>The MED in the reward pool that no reward reserved yet, in the smallest unit.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pool.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<BigInteger> GetRewardPoolAsync(CancellationToken cancellationToken = default) =>
        Connection.CallValueAsync<RewardPoolFunction, BigInteger>(ContractAddress, new RewardPoolFunction(), Errors, "read the reward pool", cancellationToken);

    /// <summary>Adds MED to the reward pool (anyone may); approve <paramref name="amount"/> MED to <see cref="ContractClient.ContractAddress"/> first.</summary>
    /// <param name="amount">MED in the smallest unit (positive).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is not positive.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the MED payment failed: <c>ERC20InsufficientAllowance</c>, <c>ERC20InsufficientBalance</c>, <c>MedTransferFailed</c>.</exception>
    public virtual Task<TransactionResult> FundRewardPoolAsync(BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return SendAsync(new FundRewardPoolFunction { Amount = amount }, "FundRewardPool", "fund the reward pool", cancellationToken);
    }

    /// <summary>Moves unreserved MED from the reward pool to the treasury. Admin only.</summary>
    /// <param name="amount">MED in the smallest unit (positive).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is not positive.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotAdmin</c>, <c>RewardPoolExhausted</c>.</exception>
    public virtual Task<TransactionResult> WithdrawRewardPoolAsync(BigInteger amount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        return SendAsync(new WithdrawRewardPoolFunction { Amount = amount }, "WithdrawRewardPool", "withdraw from the reward pool", cancellationToken);
    }

    /// <summary>Sends the MED behind expired points to the treasury (anyone may), for at most <paramref name="maxWeeks"/> weeks of lots.</summary>
    /// <param name="maxWeeks">The most weeks to sweep in this transaction (positive; 200 covers almost four years).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>What was swept, and whether every expired week is swept now.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxWeeks"/> is not positive.</exception>
    /// <exception cref="ChainException">The node is unavailable or the transaction failed.</exception>
    public virtual async Task<ExpiredSweep> SweepExpiredAsync(int maxWeeks = 200, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWeeks);
        var receipt = await SendReceiptAsync(new SweepExpiredFunction { MaxWeeks = maxWeeks }, "SweepExpired", "sweep expired MediPoints", cancellationToken).ConfigureAwait(false);
        var swept = receipt.DecodeAllEvents<ExpiredSweptEventDto>().SingleOrDefault()?.Event;
        var complete = swept is null || swept.ToWeek - swept.FromWeek < maxWeeks;
        return new ExpiredSweep(receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value, swept?.Points ?? 0, swept?.MedAmount ?? 0, complete);
    }

    /// <summary>Claims the authoring reward of a record (see <see cref="ClaimRecordRewardAsync"/>) and returns the points it minted.</summary>
    internal Task<(TransactionResult Transaction, BigInteger Minted)> ClaimRecordRewardMintingAsync(RecordId recordId, CancellationToken cancellationToken) =>
        SendMintingAsync(new ClaimRecordRewardFunction { RecordId = recordId.ToBytes() }, "ClaimRecordReward", "claim an authoring reward", cancellationToken);

    /// <summary>Buys points with MED already approved (see <see cref="BuyAsync"/>) and returns the points it minted.</summary>
    internal Task<(TransactionResult Transaction, BigInteger Minted)> BuyMintingAsync(BigInteger points, CancellationToken cancellationToken) =>
        SendMintingAsync(new BuyFunction { Points = points }, "Buy", "buy MediPoints", cancellationToken);

    /// <summary>Sends a transaction that mints points (a claim or a purchase) and returns the points it minted.</summary>
    private async Task<(TransactionResult Transaction, BigInteger Minted)> SendMintingAsync<TFunction>(TFunction message, string name, string operation, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        var receipt = await SendReceiptAsync(message, name, operation, cancellationToken).ConfigureAwait(false);
        var minted = receipt.DecodeAllEvents<PointsMintedEventDto>().Single().Event.Amount;
        return (Facts(receipt), minted);
    }
}

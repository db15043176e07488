using System.Diagnostics;
using System.Numerics;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Points.Messages;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Hex.HexTypes;
using Nethereum.RPC.Eth.DTOs;

namespace MediBloc.Sdk.Points;

public partial class MediPointsClient
{
    /// <summary>How long a lot is locked before it converts to MED: 90 days.</summary>
    public static readonly TimeSpan LockPeriod = TimeSpan.FromDays(90);

    /// <summary>How long a lot lives: 730 days.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(730);

    /// <summary>
    /// An account's lots, rebuilt from the chain's events: every <c>PointsMinted</c>, less what each
    /// <c>PointsConverted</c> and <c>PointsSlashed</c> took, replayed in chain order with the contract's rules (a
    /// conversion takes from the oldest unlocked, unexpired lots; a slash from the oldest unexpired lots).
    /// </summary>
    /// <param name="account">The account (0x-hex).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The lots, oldest first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="account"/> is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<IReadOnlyList<MediPointsLot>> GetLotsAsync(string account, CancellationToken cancellationToken = default)
    {
        var topic = "0x" + AbiValues.Address(account, nameof(account))[2..].ToLowerInvariant().PadLeft(64, '0');
        var steps = new List<(long Block, long Index, Action<DateTimeOffset> Apply)>();
        var lots = new List<(MediPointsLot Lot, BigInteger Remaining)>();
        await foreach (var log in _connection.GetEventsAsync<PointsMintedEventDto>(ContractAddress, [topic], 0, cancellationToken).ConfigureAwait(false))
        {
            var e = log.Event;
            var mintedAt = DateTimeOffset.FromUnixTimeSeconds((long)e.MintedAt);
            var source = e.Reason switch { 0 => MediPointsSource.RecordReward, 1 => MediPointsSource.Purchase, _ => MediPointsSource.Other };
            var lot = new MediPointsLot(e.Amount, e.Amount, source, source == MediPointsSource.RecordReward ? e.Commitment.ToHex(true) : null,
                mintedAt, mintedAt + LockPeriod, mintedAt + Lifetime, log.Log.TransactionHash);
            steps.Add(((long)log.Log.BlockNumber.Value, (long)log.Log.LogIndex.Value, _ => lots.Add((lot, lot.Minted))));
        }
        await foreach (var log in _connection.GetEventsAsync<PointsConvertedEventDto>(ContractAddress, [topic], 0, cancellationToken).ConfigureAwait(false))
        {
            var points = log.Event.Points;
            steps.Add(((long)log.Log.BlockNumber.Value, (long)log.Log.LogIndex.Value, at => Take(lots, points, l => l.UnlocksAt <= at && l.ExpiresAt > at)));
        }
        await foreach (var log in _connection.GetEventsAsync<PointsSlashedEventDto>(ContractAddress, [topic], 0, cancellationToken).ConfigureAwait(false))
        {
            var burned = log.Event.Burned;
            steps.Add(((long)log.Log.BlockNumber.Value, (long)log.Log.LogIndex.Value, at => Take(lots, burned, l => l.ExpiresAt > at)));
        }

        var blockTimes = new Dictionary<long, DateTimeOffset>();
        foreach (var (block, _, apply) in steps.OrderBy(s => s.Block).ThenBy(s => s.Index))
        {
            if (!blockTimes.TryGetValue(block, out var at))
            {
                var header = await _connection.RpcAsync(
                    () => _connection.Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new BlockParameter(new HexBigInteger(block))),
                    "read a block time", null, cancellationToken).ConfigureAwait(false);
                blockTimes[block] = at = DateTimeOffset.FromUnixTimeSeconds((long)header.Timestamp.Value);
            }
            apply(at);
        }
        return [.. lots.Select(l => l.Lot with { Remaining = l.Remaining })];
    }

    private static void Take(List<(MediPointsLot Lot, BigInteger Remaining)> lots, BigInteger amount, Func<MediPointsLot, bool> eligible)
    {
        for (var i = 0; i < lots.Count && amount > 0; i++)
        {
            if (!eligible(lots[i].Lot))
            {
                continue;
            }
            var take = BigInteger.Min(lots[i].Remaining, amount);
            lots[i] = (lots[i].Lot, lots[i].Remaining - take);
            amount -= take;
        }
    }

    /// <summary>The price of one point in MED's smallest unit, when buying and converting.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The price.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<BigInteger> GetPricePerPointAsync(CancellationToken cancellationToken = default) =>
        _connection.CallValueAsync<MedPerPointFunction, BigInteger>(ContractAddress, new MedPerPointFunction(), _errors, "read the points price", cancellationToken);

    /// <summary>Sends a transaction that mints one lot (a claim or a purchase) and returns the points it minted.</summary>
    internal async Task<(TransactionResult Transaction, BigInteger Minted)> SendMintingAsync<TFunction>(TFunction message, string name, string operation, CancellationToken cancellationToken)
        where TFunction : FunctionMessage, new()
    {
        using var activity = ChainDiagnostics.Source.StartActivity("MediPointsClient." + name);
        try
        {
            var receipt = await _connection.SendAsync(ContractAddress, message, _errors, operation, cancellationToken).ConfigureAwait(false);
            var minted = receipt.DecodeAllEvents<PointsMintedEventDto>().Single().Event.Amount;
            return (new TransactionResult(receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value), minted);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }
}

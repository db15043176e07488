using MediBloc.Sdk.Crypto;
using System.Numerics;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.MediPoints.Messages;
using Nethereum.Contracts;

namespace MediBloc.Sdk.Contracts.MediPoints;

/// <summary>
/// Deposits: points stay non-transferable, but a locker the admin trusts (the <c>Credentials</c> contract, for
/// vouching) may move specific points of an account into a deposit, taking only points that live past the deposit's
/// term. A deposit goes back to the same account with its points' original unlock and expiry, or is slashed: its
/// points burn and their MED goes to the treasury.
/// </summary>
public partial class MediPointsClient
{
    /// <summary>Allows or stops an address making and slashing deposits. The connection's account must be the admin.</summary>
    /// <param name="locker">The locker, normally the <c>Credentials</c> contract.</param>
    /// <param name="enabled"><see langword="true"/> to allow. A stopped locker can still release its deposits.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotAdmin</c>, <c>ZeroValue</c>.</exception>
    public virtual Task<TransactionResult> SetLockerAsync(EvmAddress locker, bool enabled, CancellationToken cancellationToken = default) =>
        SendAsync(new SetLockerFunction { Locker = locker.ToString(), Enabled = enabled }, "SetLocker", "set a points locker", cancellationToken);

    /// <summary>Whether an address may make deposits.</summary>
    /// <param name="account">The address.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> for a locker.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<bool> IsLockerAsync(EvmAddress account, CancellationToken cancellationToken = default) =>
        Connection.CallValueAsync<IsLockerFunction, bool>(ContractAddress, new IsLockerFunction { Account = account.ToString() }, Errors, "read a points locker", cancellationToken);

    /// <summary>An account's points held in deposits.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deposited points.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<BigInteger> GetLockedAsync(EvmAddress account, CancellationToken cancellationToken = default) =>
        Connection.CallValueAsync<LockedOfFunction, BigInteger>(ContractAddress, new LockedOfFunction { Account = account.ToString() }, Errors, "read locked points", cancellationToken);

    /// <summary>
    /// Moves <paramref name="points"/> of an account's free points into a new deposit, taking only points of lots that
    /// are still live at <paramref name="until"/>. The connection's account must be a locker.
    /// </summary>
    /// <param name="account">The depositor.</param>
    /// <param name="points">How many (positive).</param>
    /// <param name="until">Until when the deposit's points must live (for a vouch: the end of its term).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The deposit's id and the transaction's facts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is not positive.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotLocker</c>, <c>InsufficientPoints</c> (with the free points living past <paramref name="until"/>).</exception>
    public virtual async Task<DepositLock> LockDepositAsync(EvmAddress account, BigInteger points, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        var message = new LockDepositFunction { Account = account.ToString(), Points = points, Until = (ulong)Math.Max(0, until.ToUnixTimeSeconds()) };
        var receipt = await SendReceiptAsync(message, "LockDeposit", "lock a points deposit", cancellationToken).ConfigureAwait(false);
        var locked = receipt.DecodeAllEvents<DepositLockedEventDto>().Single().Event;
        return new DepositLock(receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value, locked.DepositId, locked.Points);
    }

    /// <summary>Returns a deposit's points to its account, with their original unlock and expiry. Only the locker that made it.</summary>
    /// <param name="depositId">The deposit.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depositId"/> is not positive.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>DepositNotHeld</c>, <c>NotDepositLocker</c>.</exception>
    public virtual Task<TransactionResult> ReleaseDepositAsync(BigInteger depositId, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depositId);
        return SendAsync(new ReleaseDepositFunction { DepositId = depositId }, "ReleaseDeposit", "release a points deposit", cancellationToken);
    }

    /// <summary>Burns a deposit's points; their MED goes to the treasury. Only the locker that made it, while it is a locker.</summary>
    /// <param name="depositId">The deposit.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="depositId"/> is not positive.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotLocker</c>, <c>DepositNotHeld</c>, <c>NotDepositLocker</c>.</exception>
    public virtual Task<TransactionResult> SlashDepositAsync(BigInteger depositId, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(depositId);
        return SendAsync(new SlashDepositFunction { DepositId = depositId }, "SlashDeposit", "slash a points deposit", cancellationToken);
    }

    /// <summary>Reads a deposit.</summary>
    /// <param name="depositId">The deposit.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The deposit, or <see langword="null"/> when there is none with this id.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<MediPointsDeposit?> GetDepositAsync(BigInteger depositId, CancellationToken cancellationToken = default)
    {
        var d = await Connection.CallAsync<GetDepositFunction, GetDepositOutput>(ContractAddress, new GetDepositFunction { DepositId = depositId }, Errors, "read a points deposit", cancellationToken).ConfigureAwait(false);
        if (d.State == 0)
        {
            return null;
        }
        var state = Enum.IsDefined(typeof(MediPointsDepositState), (int)d.State) ? (MediPointsDepositState)d.State : MediPointsDepositState.None;
        return new MediPointsDeposit(depositId, AbiValues.Decoded(d.Account), AbiValues.Decoded(d.Locker), d.Points, DateTimeOffset.FromUnixTimeSeconds((long)d.Until), state);
    }
}

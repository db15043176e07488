using System.Numerics;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Points.Messages;

namespace MediBloc.Sdk.Points;

/// <summary>
/// Deposits: points stay non-transferable, but a locker the admin trusts (the <c>Credentials</c> contract, for
/// vouching) may lock some of an account's live points, release them, or burn them (slash). Locked points still
/// count in the balance and still expire, but cannot be converted or locked twice.
/// </summary>
public partial class MediPointsClient
{
    /// <summary>Allows or stops an address locking points. The connection's account must be the admin.</summary>
    /// <param name="locker">The locker (0x-hex), normally the <c>Credentials</c> contract.</param>
    /// <param name="enabled"><see langword="true"/> to allow.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="locker"/> is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="locker"/> is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotAdmin</c>, <c>ZeroValue</c>.</exception>
    public virtual Task<TransactionResult> SetLockerAsync(string locker, bool enabled, CancellationToken cancellationToken = default) =>
        SendAsync(new SetLockerFunction { Locker = AbiValues.Address(locker, nameof(locker)), Enabled = enabled }, "SetLocker", "set a points locker", cancellationToken);

    /// <summary>Whether an address may lock points.</summary>
    /// <param name="account">The address (0x-hex).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> for a locker.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="account"/> is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<bool> IsLockerAsync(string account, CancellationToken cancellationToken = default) =>
        _connection.CallValueAsync<IsLockerFunction, bool>(ContractAddress, new IsLockerFunction { Account = AbiValues.Address(account, nameof(account)) }, _errors, "read a points locker", cancellationToken);

    /// <summary>An account's points locked as deposits.</summary>
    /// <param name="account">The account (0x-hex).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The locked points.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="account"/> is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<BigInteger> GetLockedAsync(string account, CancellationToken cancellationToken = default) =>
        _connection.CallValueAsync<LockedOfFunction, BigInteger>(ContractAddress, new LockedOfFunction { Account = AbiValues.Address(account, nameof(account)) }, _errors, "read locked points", cancellationToken);

    /// <summary>Locks some of an account's live, unlocked points. The connection's account must be a locker.</summary>
    /// <param name="account">The depositor (0x-hex).</param>
    /// <param name="points">How many (not negative).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is negative.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="account"/> is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotLocker</c>, <c>InsufficientPoints</c>.</exception>
    public virtual Task<TransactionResult> LockAsync(string account, BigInteger points, CancellationToken cancellationToken = default) =>
        SendAsync(new LockFunction { Account = AbiValues.Address(account, nameof(account)), Points = NotNegative(points) }, "Lock", "lock points", cancellationToken);

    /// <summary>Releases some of an account's locked points. The connection's account must be a locker.</summary>
    /// <param name="account">The depositor (0x-hex).</param>
    /// <param name="points">How many (not negative).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is negative.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="account"/> is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotLocker</c>, <c>InsufficientLocked</c>.</exception>
    public virtual Task<TransactionResult> UnlockAsync(string account, BigInteger points, CancellationToken cancellationToken = default) =>
        SendAsync(new UnlockFunction { Account = AbiValues.Address(account, nameof(account)), Points = NotNegative(points) }, "Unlock", "unlock points", cancellationToken);

    /// <summary>Burns some of an account's locked points (a slashed deposit). The connection's account must be a locker.</summary>
    /// <param name="account">The depositor (0x-hex).</param>
    /// <param name="points">How many (not negative).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="account"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is negative.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="account"/> is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotLocker</c>, <c>InsufficientLocked</c>.</exception>
    public virtual Task<TransactionResult> SlashAsync(string account, BigInteger points, CancellationToken cancellationToken = default) =>
        SendAsync(new SlashFunction { Account = AbiValues.Address(account, nameof(account)), Points = NotNegative(points) }, "Slash", "slash points", cancellationToken);

    private static BigInteger NotNegative(BigInteger points)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        return points;
    }
}

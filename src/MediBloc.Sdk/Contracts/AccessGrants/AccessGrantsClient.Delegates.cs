using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.AccessGrants.Messages;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Contracts.AccessGrants;

public partial class AccessGrantsClient
{

    /// <summary>Lets <paramref name="delegate"/> act for <paramref name="owner"/> (sign, cancel and revoke grants) until <paramref name="validUntil"/>. The connection's account must be the owner or, for a minor, the guardian. Grants the delegate signs read only while this very delegation lives: not past <paramref name="validUntil"/>, not after it is revoked or set again, not after a guardianship it was set under ends.</summary>
    /// <param name="owner">The account acted for.</param>
    /// <param name="delegate">The delegate.</param>
    /// <param name="validUntil">When the delegation ends; must be in the future (chain time).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException">An address is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="validUntil"/> is before 1970.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotOwnerOrDelegate</c> (the sender is not the owner, or the owner has a guardian), <c>InvalidValidity</c> (not in the future), <c>ZeroAddress</c>.</exception>
    public virtual async Task<TransactionResult> SetDelegateAsync(EvmAddress owner, EvmAddress @delegate, DateTimeOffset validUntil, CancellationToken cancellationToken = default)
    {
        var message = new SetDelegateFunction
        {
            Owner = owner.ToString(),
            Delegate = @delegate.ToString(),
            ValidUntil = ToSeconds(validUntil, nameof(validUntil)),
        };
        return await SendAsync(message, "SetDelegate", "set a delegate", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends a delegation at once. The connection's account must be the owner, the owner's guardian, or the delegate itself.</summary>
    /// <param name="owner">The account acted for.</param>
    /// <param name="delegate">The delegate.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException">An address is null.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotOwnerOrDelegate</c>.</exception>
    public virtual async Task<TransactionResult> RevokeDelegateAsync(EvmAddress owner, EvmAddress @delegate, CancellationToken cancellationToken = default)
    {
        var message = new RevokeDelegateFunction { Owner = owner.ToString(), Delegate = @delegate.ToString() };
        return await SendAsync(message, "RevokeDelegate", "revoke a delegate", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>When a delegation ends.</summary>
    /// <param name="owner">The account acted for.</param>
    /// <param name="delegate">The delegate.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The end of the delegation (it may lie in the past), or <see langword="null"/> when there is none (never set, revoked, or ended with a guardianship).</returns>
    /// <exception cref="ArgumentNullException">An address is null.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<DateTimeOffset?> GetDelegateValidUntilAsync(EvmAddress owner, EvmAddress @delegate, CancellationToken cancellationToken = default)
    {
        var message = new DelegateValidUntilFunction { Owner = owner.ToString(), Delegate = @delegate.ToString() };
        var seconds = await Connection.CallValueAsync<DelegateValidUntilFunction, ulong>(ContractAddress, message, Errors, "read a delegation", cancellationToken).ConfigureAwait(false);
        return seconds == 0 ? null : AbiValues.Time(seconds);
    }

    /// <summary>Appoints a guardian for the connection's account (a minor's). From then on the guardian, and delegates it sets, act for the account, and the account's own signature no longer grants, until the guardian hands over.</summary>
    /// <param name="guardian">The guardian.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>GuardianAlreadyAppointed</c>, <c>InvalidGuardian</c> (zero or the account itself).</exception>
    public virtual async Task<TransactionResult> AppointGuardianAsync(EvmAddress guardian, CancellationToken cancellationToken = default)
    {
        var message = new AppointGuardianFunction { Guardian = guardian.ToString() };
        return await SendAsync(message, "AppointGuardian", "appoint a guardian", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends a guardianship: the minor's account acts for itself from now on, and every delegation in place (those the guardian set included) ends. The connection's account must be the guardian.</summary>
    /// <param name="minor">The minor's account.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotGuardian</c>.</exception>
    public virtual async Task<TransactionResult> HandOverAsync(EvmAddress minor, CancellationToken cancellationToken = default)
    {
        var message = new HandOverFunction { Minor = minor.ToString() };
        return await SendAsync(message, "HandOver", "hand a minor's account over", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How long after a minor asks the guardian can be removed (<see cref="RequestGuardianRemovalAsync"/>, <see cref="RemoveGuardianAsync"/>): 14 days, the contract's <c>GUARDIAN_REMOVAL_DELAY</c>.</summary>
    public static TimeSpan GuardianRemovalDelay { get; } = TimeSpan.FromDays(14);

    /// <summary>The connection's account (a minor, or a patient tricked into a guardianship) asks to remove its guardian; <see cref="RemoveGuardianAsync"/> works <see cref="GuardianRemovalDelay"/> later. The guardian cannot stop it.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NoGuardian</c>.</exception>
    public virtual async Task<TransactionResult> RequestGuardianRemovalAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(new RequestGuardianRemovalFunction(), "RequestGuardianRemoval", "request a guardian's removal", cancellationToken).ConfigureAwait(false);

    /// <summary>The connection's account withdraws its request to remove its guardian.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>GuardianRemovalLocked</c> (no request pending).</exception>
    public virtual async Task<TransactionResult> CancelGuardianRemovalAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(new CancelGuardianRemovalFunction(), "CancelGuardianRemoval", "cancel a guardian's removal", cancellationToken).ConfigureAwait(false);

    /// <summary>The connection's account removes its guardian once the time lock of its request has run out. Every delegation in place ends and the epoch moves on, so nothing the guardian signed stays in force.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NoGuardian</c>, <c>GuardianRemovalLocked</c> (no request, or its time lock still runs; the error names when it ends).</exception>
    public virtual async Task<TransactionResult> RemoveGuardianAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(new RemoveGuardianFunction(), "RemoveGuardian", "remove a guardian", cancellationToken).ConfigureAwait(false);

    /// <summary>When a requested guardian removal can be completed.</summary>
    /// <param name="minor">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The time, or <see langword="null"/> when no removal is pending.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<DateTimeOffset?> GetGuardianRemovalAtAsync(EvmAddress minor, CancellationToken cancellationToken = default)
    {
        var message = new GuardianRemovalAtFunction { Minor = minor.ToString() };
        var seconds = await Connection.CallValueAsync<GuardianRemovalAtFunction, ulong>(ContractAddress, message, Errors, "read a guardian removal", cancellationToken).ConfigureAwait(false);
        return seconds == 0 ? null : AbiValues.Time(seconds);
    }

    /// <summary>The guardian of an account.</summary>
    /// <param name="minor">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The guardian, or <see langword="null"/> when the account acts for itself.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<EvmAddress?> GetGuardianAsync(EvmAddress minor, CancellationToken cancellationToken = default)
    {
        var message = new GuardianOfFunction { Minor = minor.ToString() };
        var guardian = await Connection.CallValueAsync<GuardianOfFunction, string>(ContractAddress, message, Errors, "read a guardian", cancellationToken).ConfigureAwait(false);
        return AbiValues.DecodedOrNull(guardian);
    }

    private static ulong ToSeconds(DateTimeOffset time, string paramName)
    {
        var seconds = time.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, paramName);
        return (ulong)seconds;
    }
}

using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Records;

public partial class PatientClient
{
    /// <summary>
    /// Appoints this account's guardian (for a minor or a ward): from now on the guardian may read the ward's records
    /// sealed to it and acts for the account on chain, until the guardian hands over (<see cref="GuardianClient.HandOverAsync"/>).
    /// </summary>
    /// <param name="guardian">The guardian's address.</param>
    /// <param name="cancellationToken">Cancels the wait for the receipt.</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="guardian"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>InvalidGuardian</c>, <c>GuardianAlreadyAppointed</c>) or is down.</exception>
    public virtual async Task<TransactionResult> AppointGuardianAsync(string guardian, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(guardian);
        var grants = await _client.GetAccessGrantsAsync(_key, "appoint a guardian").ConfigureAwait(false);
        return await grants.AppointGuardianAsync(guardian, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lets a delegate sign and revoke grants for this account until <paramref name="validUntil"/>.</summary>
    /// <param name="delegate">The delegate's address.</param>
    /// <param name="validUntil">When the delegation ends (chain time, in the future).</param>
    /// <param name="cancellationToken">Cancels the wait for the receipt.</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="delegate"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>InvalidValidity</c>, <c>NotOwnerOrDelegate</c> under guardianship) or is down.</exception>
    public virtual async Task<TransactionResult> AddDelegateAsync(string @delegate, DateTimeOffset validUntil, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@delegate);
        var grants = await _client.GetAccessGrantsAsync(_key, "add a delegate").ConfigureAwait(false);
        return await grants.SetDelegateAsync(Address, @delegate, validUntil, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends a delegation at once.</summary>
    /// <param name="delegate">The delegate's address.</param>
    /// <param name="cancellationToken">Cancels the wait for the receipt.</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="delegate"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain refused or is down.</exception>
    public virtual async Task<TransactionResult> RemoveDelegateAsync(string @delegate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@delegate);
        var grants = await _client.GetAccessGrantsAsync(_key, "remove a delegate").ConfigureAwait(false);
        return await grants.RevokeDelegateAsync(Address, @delegate, cancellationToken).ConfigureAwait(false);
    }
}

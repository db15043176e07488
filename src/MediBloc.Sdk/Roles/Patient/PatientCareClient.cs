using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts.AccessGrants;
using MediBloc.Sdk.Contracts;

namespace MediBloc.Sdk.Roles.Patient;

/// <summary>
/// Who may act and read for a patient beyond their own key: guardians and delegates, the emergency profile
/// paramedics may read, and the key backup held by guardians. Obtain it from <see cref="PatientClient.Care"/>.
/// </summary>
public partial class PatientCareClient
{
    private readonly PatientClient _patient = null!;
    private readonly ClientContext _client = null!;
    private readonly MediBlocSigner _signer = null!;

    /// <summary>For mocking only.</summary>
    protected PatientCareClient()
    {
    }

    internal PatientCareClient(PatientClient patient, ClientContext client, MediBlocSigner signer)
    {
        _patient = patient;
        _client = client;
        _signer = signer;
    }

    /// <summary>The patient's address.</summary>
    public virtual EvmAddress Address => _signer.Address;

    /// <summary>
    /// Appoints this account's guardian (for a minor or a ward): from now on the guardian may read the ward's records
    /// sealed to it and acts for the account on chain, until the guardian hands over (<see cref="MediBloc.Sdk.Roles.Guardian.GuardianClient.HandOverAsync"/>).
    /// </summary>
    /// <param name="guardian">The guardian's address.</param>
    /// <param name="cancellationToken">Cancels the wait for the receipt.</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>InvalidGuardian</c>, <c>GuardianAlreadyAppointed</c>) or is down.</exception>
    public virtual async Task<TransactionResult> AppointGuardianAsync(EvmAddress guardian, CancellationToken cancellationToken = default)
    {
        var grants = await _client.GetAccessGrantsAsync(_signer, "appoint a guardian").ConfigureAwait(false);
        return await grants.AppointGuardianAsync(guardian, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lets a delegate sign and revoke grants for this account until <paramref name="validUntil"/>.</summary>
    /// <param name="delegate">The delegate's address.</param>
    /// <param name="validUntil">When the delegation ends (chain time, in the future).</param>
    /// <param name="cancellationToken">Cancels the wait for the receipt.</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>InvalidValidity</c>, <c>NotOwnerOrDelegate</c> under guardianship) or is down.</exception>
    public virtual async Task<TransactionResult> AddDelegateAsync(EvmAddress @delegate, DateTimeOffset validUntil, CancellationToken cancellationToken = default)
    {
        var grants = await _client.GetAccessGrantsAsync(_signer, "add a delegate").ConfigureAwait(false);
        return await grants.SetDelegateAsync(Address, @delegate, validUntil, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends a delegation at once.</summary>
    /// <param name="delegate">The delegate's address.</param>
    /// <param name="cancellationToken">Cancels the wait for the receipt.</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain refused or is down.</exception>
    public virtual async Task<TransactionResult> RemoveDelegateAsync(EvmAddress @delegate, CancellationToken cancellationToken = default)
    {
        var grants = await _client.GetAccessGrantsAsync(_signer, "remove a delegate").ConfigureAwait(false);
        return await grants.RevokeDelegateAsync(Address, @delegate, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts removing this account's guardian (for a patient who came of age, or was tricked into a guardianship):
    /// <see cref="RemoveGuardianAsync"/> works <see cref="AccessGrantsClient.GuardianRemovalDelay"/> (14 days) later,
    /// and the guardian cannot stop it.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait for the receipt.</param>
    /// <returns>When the removal can be completed, and the transaction.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>NoGuardian</c>) or is down.</exception>
    public virtual async Task<(DateTimeOffset RemovableAt, TransactionResult Transaction)> RequestGuardianRemovalAsync(CancellationToken cancellationToken = default)
    {
        var grants = await _client.GetAccessGrantsAsync(_signer, "request a guardian's removal").ConfigureAwait(false);
        var tx = await grants.RequestGuardianRemovalAsync(cancellationToken).ConfigureAwait(false);
        var at = await grants.GetGuardianRemovalAtAsync(Address, cancellationToken).ConfigureAwait(false);
        return (at ?? DateTimeOffset.MinValue, tx);
    }

    /// <summary>
    /// Removes this account's guardian once the time lock of <see cref="RequestGuardianRemovalAsync"/> has run out:
    /// every delegation in place ends and the account's grant epoch moves on, so no grant the guardian signed reads.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait for the receipt.</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.AccessGrantsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The chain refused (<c>NoGuardian</c>, <c>GuardianRemovalLocked</c> naming when the lock ends) or is down.</exception>
    public virtual async Task<TransactionResult> RemoveGuardianAsync(CancellationToken cancellationToken = default)
    {
        var grants = await _client.GetAccessGrantsAsync(_signer, "remove a guardian").ConfigureAwait(false);
        return await grants.RemoveGuardianAsync(cancellationToken).ConfigureAwait(false);
    }
}

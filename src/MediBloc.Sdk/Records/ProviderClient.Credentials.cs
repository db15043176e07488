using System.Diagnostics;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Credentials;
using MediBloc.Sdk.Sharing;

namespace MediBloc.Sdk.Records;

/// <summary>A provider's own credential, and peer vouching: certified providers vouch for a colleague with a MediPoints deposit.</summary>
public partial class ProviderClient
{
    /// <summary>Reads this provider's credential for a role: who certified it (an authority, or the credentials contract itself after peer vouching), since and until when, and whether it was revoked.</summary>
    /// <param name="role">The role; a provider by default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The credential (possibly expired or revoked), or <see langword="null"/> when this account was never certified for the role.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.CredentialsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<Credential?> GetCredentialAsync(CredentialRole role = CredentialRole.Provider, CancellationToken cancellationToken = default)
    {
        var credentials = await _client.GetCredentialsAsync(_key, "read my credential").ConfigureAwait(false);
        return await credentials.GetCredentialAsync(Address, role, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether this account holds a live credential for a role now (certified, not revoked, not expired in chain time).</summary>
    /// <param name="role">The role; a provider by default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the credential is live.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.CredentialsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<bool> IsCertifiedAsync(CredentialRole role = CredentialRole.Provider, CancellationToken cancellationToken = default)
    {
        var credentials = await _client.GetCredentialsAsync(_key, "check my credential").ConfigureAwait(false);
        return await credentials.HasRoleAsync(Address, role, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Vouches for a colleague: locks the vouching deposit from this provider's MediPoints. The vouch that reaches the
    /// contract's threshold certifies the candidate for the vouching term. The deposit stays locked while the credential
    /// it vouched for is live, and is slashed if an authority challenges the candidate.
    /// </summary>
    /// <param name="candidate">The colleague's address (0x-hex).</param>
    /// <param name="role">The role to vouch for; a provider by default. This provider must hold it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candidate"/> is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="candidate"/> is not an EVM address.</exception>
    /// <exception cref="AccessDeniedException">Code <see cref="AccessDenialCodes.NotCertified"/>: this provider holds no live credential for <paramref name="role"/>, so it may not vouch.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.CredentialsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the chain refused: <c>VouchingDisabled</c>, <c>SelfVouch</c>, <c>AlreadyVouched</c>, <c>AlreadyCertified</c>, or <c>InsufficientPoints</c> (too few free MediPoints for the deposit).</exception>
    public virtual async Task<TransactionResult> VouchForAsync(string candidate, CredentialRole role = CredentialRole.Provider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        using var activity = ChainDiagnostics.Source.StartActivity("ProviderClient.VouchFor");
        try
        {
            var credentials = await _client.GetCredentialsAsync(_key, "vouch for a colleague").ConfigureAwait(false);
            await RequireCredentialAsync(credentials, role, "vouch for a colleague", cancellationToken).ConfigureAwait(false);
            return await credentials.VouchAsync(candidate, role, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    /// <summary>
    /// Releases this provider's vouching deposit on a candidate: before the candidate is certified this withdraws the
    /// vouch; after the vouched credential expired or was revoked it ends it.
    /// </summary>
    /// <param name="candidate">The candidate (0x-hex).</param>
    /// <param name="role">The role; a provider by default.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candidate"/> is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="candidate"/> is not an EVM address.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.CredentialsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the chain refused: <c>NoVouch</c>, <c>VouchStillBonded</c> (the vouched credential is live).</exception>
    public virtual async Task<TransactionResult> ReleaseVouchAsync(string candidate, CredentialRole role = CredentialRole.Provider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        using var activity = ChainDiagnostics.Source.StartActivity("ProviderClient.ReleaseVouch");
        var credentials = await _client.GetCredentialsAsync(_key, "release a vouch").ConfigureAwait(false);
        return await credentials.ReleaseVouchAsync(candidate, role, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Who vouched for this provider in a role and still has a deposit on it.</summary>
    /// <param name="role">The role; a provider by default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vouchers (checksummed).</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.CredentialsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<IReadOnlyList<string>> GetVouchersAsync(CredentialRole role = CredentialRole.Provider, CancellationToken cancellationToken = default)
    {
        var credentials = await _client.GetCredentialsAsync(_key, "see who vouched for me").ConfigureAwait(false);
        return await credentials.GetVouchersAsync(Address, role, cancellationToken).ConfigureAwait(false);
    }

    private async Task RequireCredentialAsync(CredentialsClient credentials, CredentialRole role, string workflow, CancellationToken cancellationToken)
    {
        if (!await credentials.HasRoleAsync(Address, role, cancellationToken).ConfigureAwait(false))
        {
            throw new AccessDeniedException(
                $"{Address} holds no live {role} credential (never certified, expired or revoked), so it may not {workflow}; get certified by an authority or by peer vouching first.",
                AccessDenialCodes.NotCertified);
        }
    }
}

using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Contracts.AccessGrants;

namespace MediBloc.Sdk.Roles.Provider;

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
        var credentials = await _client.GetCredentialsAsync(_signer, "read my credential").ConfigureAwait(false);
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
        var credentials = await _client.GetCredentialsAsync(_signer, "check my credential").ConfigureAwait(false);
        return await credentials.HasRoleAsync(Address, role, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Vouches for a colleague: locks the vouching deposit from this provider's MediPoints (points that live past the
    /// vouch's term plus the challenge window). Only a provider an authority certified vouches, up to the rules' number
    /// of live vouches. The vouch that brings the fresh vouches to the threshold certifies the candidate; the vouches
    /// that certified stay locked until their term and challenge window end, and an authority's challenge slashes them.
    /// </summary>
    /// <param name="candidate">The colleague's address.</param>
    /// <param name="role">The role to vouch for; a provider by default. This provider must hold it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="AccessDeniedException">Code <see cref="AccessDenialCodes.NotCertified"/>: this provider holds no live credential for <paramref name="role"/>, or only a vouched one (vouched accounts never vouch), so it may not vouch.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.CredentialsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the chain refused: <c>VouchingDisabled</c>, <c>SelfVouch</c>, <c>AlreadyVouched</c>, <c>AlreadyCertified</c>, <c>CredentialFinal</c> (the colleague's credential was revoked or challenged), <c>VouchCapReached</c>, <c>TooManyVouchers</c>, <c>NotAuthorityCertified</c> (this provider's certifying authority was removed), or MediPoints refused the deposit (too few free points that live long enough).</exception>
    public virtual async Task<TransactionResult> VouchForAsync(EvmAddress candidate, CredentialRole role = CredentialRole.Provider, CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("ProviderClient.VouchFor", async _ =>
        {
            var credentials = await _client.GetCredentialsAsync(_signer, "vouch for a colleague").ConfigureAwait(false);
            await RequireCredentialAsync(credentials, role, "vouch for a colleague", cancellationToken).ConfigureAwait(false);
            var mine = await credentials.GetCredentialAsync(Address, role, cancellationToken).ConfigureAwait(false);
            if (mine is not null && mine.Issuer == credentials.ContractAddress)
            {
                throw new AccessDeniedException(
                    $"{Address}'s {role} credential was issued by peer vouching, and vouched accounts never vouch; only an account an authority certified may vouch for a colleague.",
                    AccessDenialCodes.NotCertified);
            }
            return await credentials.VouchAsync(candidate, role, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Releases this provider's vouch on a candidate and returns its deposit: a pending vouch at any time (this
    /// withdraws it), a vouch that certified the candidate once its term and challenge window ended
    /// (<see cref="Vouch.ReleasableAt"/>). Nobody else can release it, and nothing they do moves that time.
    /// </summary>
    /// <param name="candidate">The candidate.</param>
    /// <param name="role">The role; a provider by default.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.CredentialsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the chain refused: <c>NoVouch</c>, <c>VouchStillBonded</c> (before its release time).</exception>
    public virtual async Task<TransactionResult> ReleaseVouchAsync(EvmAddress candidate, CredentialRole role = CredentialRole.Provider, CancellationToken cancellationToken = default)
    {
        return await ChainDiagnostics.TraceAsync("ProviderClient.ReleaseVouch", async _ =>
        {
            var credentials = await _client.GetCredentialsAsync(_signer, "release a vouch").ConfigureAwait(false);
            return await credentials.ReleaseVouchAsync(candidate, role, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>This provider's vouch on a candidate: its deposit, whether it is bonded and when it can be released.</summary>
    /// <param name="candidate">The candidate.</param>
    /// <param name="role">The role; a provider by default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vouch, or <see langword="null"/> when this provider has none on the candidate.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.CredentialsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<Vouch?> GetVouchAsync(EvmAddress candidate, CredentialRole role = CredentialRole.Provider, CancellationToken cancellationToken = default)
    {
        var credentials = await _client.GetCredentialsAsync(_signer, "read my vouch").ConfigureAwait(false);
        return await credentials.GetVouchAsync(candidate, role, Address, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Who has a vouch (pending or bonded) on this provider in a role.</summary>
    /// <param name="role">The role; a provider by default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vouchers.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.CredentialsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<IReadOnlyList<EvmAddress>> GetVouchersAsync(CredentialRole role = CredentialRole.Provider, CancellationToken cancellationToken = default)
    {
        var credentials = await _client.GetCredentialsAsync(_signer, "see who vouched for me").ConfigureAwait(false);
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

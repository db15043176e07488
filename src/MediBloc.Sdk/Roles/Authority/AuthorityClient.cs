using MediBloc.Sdk.Crypto.Signers;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Sharing;
using MediBloc.Sdk.Contracts.Credentials;
using MediBloc.Sdk.Records;
using MediBloc.Sdk.Contracts.AccessGrants;

namespace MediBloc.Sdk.Roles.Authority;

/// <summary>
/// What a credentials authority does: certify providers, emergency providers and researchers until an expiry, revoke
/// a credential, and challenge a peer-vouched candidate on fraud (every voucher's deposit is slashed). Obtain one from
/// <see cref="MediBlocClient.GetAuthorityClient(MediBloc.Sdk.Crypto.Secp256k1PrivateKey)"/>; the credentials contract's admin appoints authorities
/// (<see cref="CredentialsClient.SetAuthorityAsync"/>; the deployer of <see cref="MediBlocClient.DeployContractsAsync(Uri, Secp256k1PrivateKey, ChainConnectionOptions?, CancellationToken)"/> is one).
/// </summary>
public class AuthorityClient
{
    private readonly ClientContext _client = null!;
    private readonly MediBlocSigner _signer = null!;

    /// <summary>For mocking only.</summary>
    protected AuthorityClient()
    {
    }

    internal AuthorityClient(ClientContext client, MediBlocSigner signer)
    {
        _client = client;
        _signer = signer;
    }

    /// <summary>The authority's address.</summary>
    public virtual EvmAddress Address => _signer.Address;

    /// <summary>Certifies (or re-certifies) an account for a role until <paramref name="until"/> (chain time).</summary>
    /// <param name="account">The account to certify.</param>
    /// <param name="role">The role.</param>
    /// <param name="until">When the credential ends; must lie in the future of the chain's clock.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="AccessDeniedException">Code <see cref="AccessDenialCodes.NotAuthority"/>: this key is not an authority.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.CredentialsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>InvalidExpiry</c> (not in the future), <c>InvalidRole</c>, <c>ZeroAddress</c>.</exception>
    public virtual Task<TransactionResult> CertifyAsync(EvmAddress account, CredentialRole role, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        return RunAsync("Certify", "certify an account", c => c.CertifyAsync(account, role, until, cancellationToken), cancellationToken);
    }

    /// <summary>Revokes an account's credential for a role; from the next block on it no longer counts anywhere.</summary>
    /// <param name="account">The certified account.</param>
    /// <param name="role">The role.</param>
    /// <param name="reason">Why; only keccak256 of it goes on chain.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is null or empty.</exception>
    /// <exception cref="AccessDeniedException">Code <see cref="AccessDenialCodes.NotAuthority"/>: this key is not an authority.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.CredentialsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotCertified</c>, <c>AlreadyRevoked</c>.</exception>
    public virtual Task<TransactionResult> RevokeAsync(EvmAddress account, CredentialRole role, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return RunAsync("Revoke", "revoke a credential", c => c.RevokeAsync(account, role, reason, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Challenges a peer-vouched candidate on fraud: every voucher's MediPoints deposit is slashed (burned) and the
    /// candidate's credential, if live, revoked.
    /// </summary>
    /// <param name="candidate">The vouched-for account.</param>
    /// <param name="role">The role it was vouched for.</param>
    /// <param name="reason">Why; only keccak256 of it goes on chain.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is null or empty.</exception>
    /// <exception cref="AccessDeniedException">Code <see cref="AccessDenialCodes.NotAuthority"/>: this key is not an authority.</exception>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.CredentialsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NoVouches</c> (no one has a deposit on the candidate).</exception>
    public virtual Task<TransactionResult> ChallengeAsync(EvmAddress candidate, CredentialRole role, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return RunAsync("Challenge", "challenge a vouched candidate", c => c.ChallengeAsync(candidate, role, reason, cancellationToken), cancellationToken);
    }

    /// <summary>Reads an account's credential for a role.</summary>
    /// <param name="account">The account.</param>
    /// <param name="role">The role.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The credential (possibly expired or revoked), or <see langword="null"/> when the account was never certified for the role.</returns>
    /// <exception cref="InvalidOperationException"><see cref="MediBlocClientOptions.CredentialsAddress"/> is not set.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<Credential?> GetCredentialAsync(EvmAddress account, CredentialRole role, CancellationToken cancellationToken = default)
    {
        var credentials = await _client.GetCredentialsAsync(_signer, "read a credential").ConfigureAwait(false);
        return await credentials.GetCredentialAsync(account, role, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TransactionResult> RunAsync(string name, string workflow, Func<CredentialsClient, Task<TransactionResult>> send, CancellationToken cancellationToken)
    {
        return await ChainDiagnostics.TraceAsync("AuthorityClient." + name, async _ =>
        {
            var credentials = await _client.GetCredentialsAsync(_signer, workflow).ConfigureAwait(false);
            if (!await credentials.IsAuthorityAsync(Address, cancellationToken).ConfigureAwait(false))
            {
                throw new AccessDeniedException(
                    $"{Address} is not an authority of the credentials contract {credentials.ContractAddress}, so it may not {workflow}; the contract's admin appoints authorities.",
                    AccessDenialCodes.NotAuthority);
            }
            return await send(credentials).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}

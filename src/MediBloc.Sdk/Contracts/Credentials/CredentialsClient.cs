using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials.Messages;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;

namespace MediBloc.Sdk.Contracts.Credentials;

/// <summary>
/// The credential registry: the admin appoints authorities; authorities certify accounts as providers, emergency
/// providers or researchers until an expiry, and revoke them. Other contracts (and callers) ask <see cref="HasRoleAsync"/>.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public partial class CredentialsClient : ContractClient
{

    /// <summary>For mocking only.</summary>
    protected CredentialsClient()
    {
    }

    /// <summary>Creates a client for a <c>Credentials</c> contract already deployed at <paramref name="contractAddress"/>.</summary>
    /// <param name="connection">The account and node to use.</param>
    /// <param name="contractAddress">The contract's address.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public CredentialsClient(ChainConnection connection, EvmAddress contractAddress)
        // Vouching locks and slashes MediPoints deposits, whose errors bubble up: decode those too.
        : base(connection, contractAddress, nameof(CredentialsClient), [.. ContractArtifact.Credentials.Errors, .. ContractArtifact.MediPoints.Errors])
    {
    }

    /// <summary>Deploys a new credential registry; the connection's account becomes its admin.</summary>
    /// <param name="connection">The deploying account and node.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A client bound to the new contract.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="connection"/> is null.</exception>
    /// <exception cref="ChainException">The node is unavailable or the deployment failed.</exception>
    public static async Task<CredentialsClient> DeployAsync(ChainConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var deployment = await connection.DeployAsync(ContractArtifact.Credentials, cancellationToken).ConfigureAwait(false);
        return new CredentialsClient(connection, deployment.ContractAddress);
    }

    /// <summary>Appoints or removes an authority. The connection's account must be the admin.</summary>
    /// <param name="authority">The authority.</param>
    /// <param name="enabled"><see langword="true"/> to appoint, <see langword="false"/> to remove.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotAdmin</c>, <c>ZeroAddress</c>.</exception>
    public virtual Task<TransactionResult> SetAuthorityAsync(EvmAddress authority, bool enabled, CancellationToken cancellationToken = default) =>
        SendAsync(new SetAuthorityFunction { Authority = authority.ToString(), Enabled = enabled }, "SetAuthority", "set an authority", cancellationToken);

    /// <summary>Whether an account is an authority.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> for an authority.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<bool> IsAuthorityAsync(EvmAddress account, CancellationToken cancellationToken = default) =>
        Connection.CallValueAsync<IsAuthorityFunction, bool>(ContractAddress, new IsAuthorityFunction { Account = account.ToString() }, Errors, "read an authority", cancellationToken);

    /// <summary>Certifies (or re-certifies) an account for a role until <paramref name="expiresAt"/>. The connection's account must be an authority.</summary>
    /// <param name="account">The certified account.</param>
    /// <param name="role">The role.</param>
    /// <param name="expiresAt">When the credential ends; in the future (chain time).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expiresAt"/> is before 1970.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotAuthority</c>, <c>InvalidRole</c>, <c>InvalidExpiry</c>, <c>ZeroAddress</c>.</exception>
    public virtual Task<TransactionResult> CertifyAsync(EvmAddress account, CredentialRole role, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var seconds = expiresAt.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(expiresAt));
        var message = new CertifyFunction { Account = account.ToString(), Role = (byte)role, ExpiresAt = (ulong)seconds };
        return SendAsync(message, "Certify", "certify an account", cancellationToken);
    }

    /// <summary>Revokes a credential. The connection's account must be an authority.</summary>
    /// <param name="account">The certified account.</param>
    /// <param name="role">The role.</param>
    /// <param name="reason">Why; only keccak256 of its UTF-8 goes on chain.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is null or empty.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotAuthority</c>, <c>NotCertified</c>, <c>AlreadyRevoked</c>.</exception>
    public virtual Task<TransactionResult> RevokeAsync(EvmAddress account, CredentialRole role, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return SendAsync(new RevokeFunction { Account = account.ToString(), Role = (byte)role, Reason = AbiValues.Keccak(reason) }, "Revoke", "revoke a credential", cancellationToken);
    }

    /// <summary>Whether an account holds a live credential for a role: certified, not revoked, not expired (chain time).</summary>
    /// <param name="account">The account.</param>
    /// <param name="role">The role.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the credential is live.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<bool> HasRoleAsync(EvmAddress account, CredentialRole role, CancellationToken cancellationToken = default) =>
        Connection.CallValueAsync<HasRoleFunction, bool>(ContractAddress, new HasRoleFunction { Account = account.ToString(), Role = (byte)role }, Errors, "check a credential", cancellationToken);

    /// <summary>Reads a credential.</summary>
    /// <param name="account">The account.</param>
    /// <param name="role">The role.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The credential (possibly expired or revoked), or <see langword="null"/> when the account was never certified for the role.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<Credential?> GetCredentialAsync(EvmAddress account, CredentialRole role, CancellationToken cancellationToken = default)
    {
        var output = await Connection.CallAsync<GetCredentialFunction, GetCredentialOutput>(ContractAddress, new GetCredentialFunction { Account = account.ToString(), Role = (byte)role }, Errors, "read a credential", cancellationToken).ConfigureAwait(false);
        if (AbiValues.DecodedOrNull(output.Issuer) is not { } issuer)
        {
            return null;
        }
        return new Credential(account, role, issuer, AbiValues.Time(output.IssuedAt), AbiValues.Time(output.ExpiresAt), output.Revoked);
    }
}

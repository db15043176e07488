using System.Numerics;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Credentials.Messages;

namespace MediBloc.Sdk.Credentials;

/// <summary>Peer vouching: certified peers vouch with MediPoints deposits; an authority's challenge slashes them.</summary>
public partial class CredentialsClient
{
    /// <summary>
    /// Sets the vouching rules. The connection's account must be the admin, and the MediPoints admin must make this
    /// contract a locker (<see cref="Points.MediPointsClient.SetLockerAsync"/>) so deposits can be locked and slashed.
    /// </summary>
    /// <param name="pointsAddress">The MediPoints contract holding deposits, or <see langword="null"/> to turn vouching off.</param>
    /// <param name="vouchesRequired">How many vouches certify a candidate (1–255).</param>
    /// <param name="deposit">The MediPoints each voucher locks (positive).</param>
    /// <param name="term">How long a vouched credential lasts (at least one second).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A rule is out of range.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="pointsAddress"/> is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotAdmin</c>, <c>InvalidVouchingRules</c>.</exception>
    public virtual Task<TransactionResult> SetVouchingAsync(string? pointsAddress, int vouchesRequired, BigInteger deposit, TimeSpan term, CancellationToken cancellationToken = default)
    {
        var points = pointsAddress is null ? "0x0000000000000000000000000000000000000000" : AbiValues.Address(pointsAddress, nameof(pointsAddress));
        ArgumentOutOfRangeException.ThrowIfNegative(vouchesRequired);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(vouchesRequired, byte.MaxValue);
        ArgumentOutOfRangeException.ThrowIfNegative(deposit);
        ArgumentOutOfRangeException.ThrowIfLessThan(term, TimeSpan.Zero);
        var message = new SetVouchingFunction { Points = points, VouchesRequired = (byte)vouchesRequired, Deposit = deposit, Term = (ulong)term.TotalSeconds };
        return SendAsync(message, "SetVouching", "set the vouching rules", cancellationToken);
    }

    /// <summary>Reads the vouching rules.</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The rules.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<VouchingRules> GetVouchingRulesAsync(CancellationToken cancellationToken = default)
    {
        var points = await _connection.CallValueAsync<PointsFunction, string>(ContractAddress, new PointsFunction(), _errors, "read the vouching rules", cancellationToken).ConfigureAwait(false);
        var required = await _connection.CallValueAsync<VouchesRequiredFunction, byte>(ContractAddress, new VouchesRequiredFunction(), _errors, "read the vouching rules", cancellationToken).ConfigureAwait(false);
        var deposit = await _connection.CallValueAsync<VouchDepositFunction, BigInteger>(ContractAddress, new VouchDepositFunction(), _errors, "read the vouching rules", cancellationToken).ConfigureAwait(false);
        var term = await _connection.CallValueAsync<VouchTermFunction, ulong>(ContractAddress, new VouchTermFunction(), _errors, "read the vouching rules", cancellationToken).ConfigureAwait(false);
        var off = points is null || string.Equals(points, ZeroAddress, StringComparison.OrdinalIgnoreCase);
        return new VouchingRules(off ? null : AbiValues.Address(points!, "points"), required, deposit, TimeSpan.FromSeconds(term));
    }

    /// <summary>
    /// Vouches for a candidate, locking the deposit from the connection's account's MediPoints. The account must hold
    /// a live credential for <paramref name="role"/>. The vouch that reaches the threshold certifies the candidate for
    /// the vouching term, with the contract itself as issuer.
    /// </summary>
    /// <param name="candidate">The candidate (0x-hex).</param>
    /// <param name="role">The role.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candidate"/> is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="candidate"/> is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>VouchingDisabled</c>, <c>InvalidRole</c>, <c>SelfVouch</c>, <c>NotPeer</c>, <c>AlreadyCertified</c>, <c>AlreadyVouched</c>, <c>ZeroAddress</c>; or MediPoints did: <c>InsufficientPoints</c>, <c>NotLocker</c>.</exception>
    public virtual Task<TransactionResult> VouchAsync(string candidate, CredentialRole role, CancellationToken cancellationToken = default) =>
        SendAsync(new VouchFunction { Candidate = AbiValues.Address(candidate, nameof(candidate)), Role = (byte)role }, "Vouch", "vouch for a candidate", cancellationToken);

    /// <summary>
    /// Releases the connection's account's deposit on a candidate: possible while the candidate holds no live
    /// credential for the role (before certification this withdraws the vouch; after expiry or revocation it ends it).
    /// </summary>
    /// <param name="candidate">The candidate (0x-hex).</param>
    /// <param name="role">The role.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candidate"/> is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="candidate"/> is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NoVouch</c>, <c>VouchStillBonded</c>.</exception>
    public virtual Task<TransactionResult> ReleaseVouchAsync(string candidate, CredentialRole role, CancellationToken cancellationToken = default) =>
        SendAsync(new ReleaseVouchFunction { Candidate = AbiValues.Address(candidate, nameof(candidate)), Role = (byte)role }, "ReleaseVouch", "release a vouching deposit", cancellationToken);

    /// <summary>Challenges a vouched candidate on fraud: every voucher's deposit is slashed (burned) and the credential revoked. The connection's account must be an authority.</summary>
    /// <param name="candidate">The candidate (0x-hex).</param>
    /// <param name="role">The role.</param>
    /// <param name="reason">Why; only keccak256 of its UTF-8 goes on chain.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candidate"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is null or empty.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="candidate"/> is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotAuthority</c>, <c>NoVouches</c>.</exception>
    public virtual Task<TransactionResult> ChallengeAsync(string candidate, CredentialRole role, string reason, CancellationToken cancellationToken = default)
    {
        var address = AbiValues.Address(candidate, nameof(candidate));
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return SendAsync(new ChallengeFunction { Candidate = address, Role = (byte)role, Reason = AbiValues.Keccak(reason) }, "Challenge", "challenge a vouched candidate", cancellationToken);
    }

    /// <summary>Who vouched for a candidate in a role and still has a deposit on it.</summary>
    /// <param name="candidate">The candidate (0x-hex).</param>
    /// <param name="role">The role.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vouchers (checksummed).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="candidate"/> is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="candidate"/> is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<IReadOnlyList<string>> GetVouchersAsync(string candidate, CredentialRole role, CancellationToken cancellationToken = default)
    {
        var message = new VouchersOfFunction { Candidate = AbiValues.Address(candidate, nameof(candidate)), Role = (byte)role };
        var vouchers = await _connection.CallValueAsync<VouchersOfFunction, List<string>>(ContractAddress, message, _errors, "read vouchers", cancellationToken).ConfigureAwait(false);
        return [.. vouchers.Select(v => AbiValues.Address(v, "voucher"))];
    }
}

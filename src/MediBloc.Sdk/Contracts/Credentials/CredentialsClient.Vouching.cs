using MediBloc.Sdk.Crypto;
using System.Numerics;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.Credentials.Messages;

namespace MediBloc.Sdk.Contracts.Credentials;

/// <summary>Peer vouching: certified peers vouch with MediPoints deposits; an authority's challenge slashes them.</summary>
public partial class CredentialsClient
{
    /// <summary>
    /// Sets the vouching rules for new vouches (existing vouches keep the rules they were made under, so a change never
    /// strands a deposit). The connection's account must be the admin, and the MediPoints admin must make this contract
    /// a locker (<see cref="Contracts.MediPoints.MediPointsClient.SetLockerAsync"/>) so deposits can be locked, released and slashed.
    /// </summary>
    /// <param name="rules">The rules; <see cref="VouchingRules.Off"/> (no MediPoints contract) turns vouching off.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rule is out of range of its on-chain type.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotAdmin</c>, <c>InvalidVouchingRules</c> (threshold 1–16, deposit, term and cap at least 1).</exception>
    public virtual Task<TransactionResult> SetVouchingAsync(VouchingRules rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var points = (rules.PointsAddress ?? default).ToString();
        ArgumentOutOfRangeException.ThrowIfNegative(rules.VouchesRequired, nameof(rules.VouchesRequired));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rules.VouchesRequired, byte.MaxValue, nameof(rules.VouchesRequired));
        ArgumentOutOfRangeException.ThrowIfNegative(rules.Deposit, nameof(rules.Deposit));
        ArgumentOutOfRangeException.ThrowIfLessThan(rules.Term, TimeSpan.Zero, nameof(rules.Term));
        ArgumentOutOfRangeException.ThrowIfLessThan(rules.ChallengeWindow, TimeSpan.Zero, nameof(rules.ChallengeWindow));
        ArgumentOutOfRangeException.ThrowIfNegative(rules.MaxLiveVouches, nameof(rules.MaxLiveVouches));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rules.MaxLiveVouches, ushort.MaxValue, nameof(rules.MaxLiveVouches));
        var message = new SetVouchingFunction
        {
            Points = points,
            VouchesRequired = (byte)rules.VouchesRequired,
            Deposit = rules.Deposit,
            Term = (ulong)rules.Term.TotalSeconds,
            ChallengeWindow = (ulong)rules.ChallengeWindow.TotalSeconds,
            MaxLiveVouches = (ushort)rules.MaxLiveVouches,
        };
        return SendAsync(message, "SetVouching", "set the vouching rules", cancellationToken);
    }

    /// <summary>Reads the vouching rules new vouches are made under.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rules.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<VouchingRules> GetVouchingRulesAsync(CancellationToken cancellationToken = default)
    {
        var r = await Connection.CallAsync<VouchingRulesFunction, VouchingRulesOutput>(ContractAddress, new VouchingRulesFunction(), Errors, "read the vouching rules", cancellationToken).ConfigureAwait(false);
        return new VouchingRules(
            AbiValues.DecodedOrNull(r.Points),
            r.VouchesRequired,
            r.Deposit,
            TimeSpan.FromSeconds(r.Term),
            TimeSpan.FromSeconds(r.ChallengeWindow),
            r.MaxLiveVouches);
    }

    /// <summary>
    /// Vouches for a candidate, locking a deposit of the connection's account's MediPoints whose points live past the
    /// vouch's term plus the challenge window. The account must hold a live credential for <paramref name="role"/>
    /// issued by an appointed authority (a vouched account never vouches) and have fewer than the rules' live vouches.
    /// The vouch that brings the fresh vouches to the threshold certifies the candidate, with the contract itself as
    /// issuer, until the oldest of them stops counting; those vouches become bonded.
    /// </summary>
    /// <param name="candidate">The candidate.</param>
    /// <param name="role">The role.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>VouchingDisabled</c>, <c>InvalidRole</c>, <c>SelfVouch</c>, <c>NotPeer</c>, <c>NotAuthorityCertified</c> (a vouched credential cannot vouch), <c>CredentialFinal</c> (the candidate's credential was revoked or challenged), <c>AlreadyCertified</c>, <c>AlreadyVouched</c>, <c>VouchCapReached</c>, <c>TooManyVouchers</c>, <c>ZeroAddress</c>; or MediPoints did (too few free points live long enough, or this contract is not a locker).</exception>
    public virtual Task<TransactionResult> VouchAsync(EvmAddress candidate, CredentialRole role, CancellationToken cancellationToken = default) =>
        SendAsync(new VouchFunction { Candidate = candidate.ToString(), Role = (byte)role }, "Vouch", "vouch for a candidate", cancellationToken);

    /// <summary>
    /// Releases the connection's account's vouch on a candidate and returns its deposit: a pending vouch at any time
    /// (this withdraws it), a bonded one from its <see cref="Vouch.ReleasableAt"/> on. Only the voucher can release its
    /// vouch, and nothing another account does moves that time.
    /// </summary>
    /// <param name="candidate">The candidate.</param>
    /// <param name="role">The role.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NoVouch</c>, <c>VouchStillBonded</c> (with its release time).</exception>
    public virtual Task<TransactionResult> ReleaseVouchAsync(EvmAddress candidate, CredentialRole role, CancellationToken cancellationToken = default) =>
        SendAsync(new ReleaseVouchFunction { Candidate = candidate.ToString(), Role = (byte)role }, "ReleaseVouch", "release a vouching deposit", cancellationToken);

    /// <summary>
    /// Challenges a vouched candidate on fraud: every bonded deposit behind it still inside its challenge window is
    /// slashed (burned), the credential revoked, and the account closed to vouching for the role for good. Pending
    /// vouches are not slashed. The connection's account must be an authority.
    /// </summary>
    /// <param name="candidate">The candidate.</param>
    /// <param name="role">The role.</param>
    /// <param name="reason">Why; only keccak256 of its UTF-8 goes on chain.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is null or empty.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotAuthority</c>, <c>NoVouches</c> (no bonded deposit inside its window).</exception>
    public virtual Task<TransactionResult> ChallengeAsync(EvmAddress candidate, CredentialRole role, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return SendAsync(new ChallengeFunction { Candidate = candidate.ToString(), Role = (byte)role, Reason = AbiValues.Keccak(reason) }, "Challenge", "challenge a vouched candidate", cancellationToken);
    }

    /// <summary>Who has a vouch (pending or bonded) on a candidate in a role; at most <see cref="VouchingRules.MaxVouchersPerCandidate"/>.</summary>
    /// <param name="candidate">The candidate.</param>
    /// <param name="role">The role.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vouchers.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<IReadOnlyList<EvmAddress>> GetVouchersAsync(EvmAddress candidate, CredentialRole role, CancellationToken cancellationToken = default)
    {
        var message = new VouchersOfFunction { Candidate = candidate.ToString(), Role = (byte)role };
        var vouchers = await Connection.CallValueAsync<VouchersOfFunction, List<string>>(ContractAddress, message, Errors, "read vouchers", cancellationToken).ConfigureAwait(false);
        return [.. vouchers.Select(v => AbiValues.Decoded(v))];
    }

    /// <summary>Reads a vouch.</summary>
    /// <param name="candidate">The candidate.</param>
    /// <param name="role">The role.</param>
    /// <param name="voucher">The voucher.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The vouch, or <see langword="null"/> when the voucher has none on the candidate (never made, released or slashed).</returns>
    /// <exception cref="ArgumentNullException">An address is null.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<Vouch?> GetVouchAsync(EvmAddress candidate, CredentialRole role, EvmAddress voucher, CancellationToken cancellationToken = default)
    {
        var message = new GetVouchFunction { Candidate = candidate.ToString(), Role = (byte)role, Voucher = voucher.ToString() };
        var v = await Connection.CallAsync<GetVouchFunction, GetVouchOutput>(ContractAddress, message, Errors, "read a vouch", cancellationToken).ConfigureAwait(false);
        if (v.Amount.IsZero)
        {
            return null;
        }
        return new Vouch(
            candidate, role, voucher, AbiValues.Decoded(v.Points), v.DepositId, v.Amount,
            AbiValues.Time(v.MadeAt), AbiValues.Time(v.ValidUntil), AbiValues.Time(v.ReleasableAt), v.Bonded);
    }

    /// <summary>How many live vouches (pending or bonded, not released or slashed) an account has; the rules cap it.</summary>
    /// <param name="voucher">The voucher.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<int> GetLiveVouchCountAsync(EvmAddress voucher, CancellationToken cancellationToken = default)
    {
        var message = new LiveVouchesOfFunction { Voucher = voucher.ToString() };
        var count = await Connection.CallValueAsync<LiveVouchesOfFunction, BigInteger>(ContractAddress, message, Errors, "count live vouches", cancellationToken).ConfigureAwait(false);
        return (int)count;
    }

    /// <summary>
    /// Whether an account's credential for a role was revoked or successfully challenged: final, no vouch ever
    /// certifies it again (an authority may still, deliberately, certify it anew).
    /// </summary>
    /// <param name="account">The account.</param>
    /// <param name="role">The role.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when final.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<bool> IsFinalAsync(EvmAddress account, CredentialRole role, CancellationToken cancellationToken = default) =>
        Connection.CallValueAsync<IsFinalFunction, bool>(ContractAddress, new IsFinalFunction { Account = account.ToString(), Role = (byte)role }, Errors, "check whether a credential is final", cancellationToken);
}

using MediBloc.Sdk.Contracts.AccessGrants.Messages;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MediBloc.Sdk.Contracts.AccessGrants;

/// <summary>
/// What keeps a signed grant from coming back (protocol v2): each grant slot has a version a grant is signed against,
/// an owner's epoch voids every older signature at once, and a signed grant can be cancelled before anyone submits it.
/// </summary>
public partial class AccessGrantsClient
{
    /// <summary>The read-grant slot of one owner, grantee, scope and purpose: the grant in force and what a new grant must carry.</summary>
    /// <param name="owner">The records' owner.</param>
    /// <param name="grantee">The reader.</param>
    /// <param name="scope">The scope.</param>
    /// <param name="purpose">The purpose-of-use code, e.g. <c>TREAT</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The slot.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is empty.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<GrantSlot> GetGrantSlotAsync(EvmAddress owner, EvmAddress grantee, AccessScope scope, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var message = new GrantSlotFunction
        {
            Owner = owner.ToString(),
            Grantee = grantee.ToString(),
            ScopeKind = (byte)scope.Kind,
            Scope = scope.ToBytes(),
            Purpose = ComputePurposeId(purpose).HexToByteArray(),
        };
        var output = await Connection.CallAsync<GrantSlotFunction, GrantSlotOutput>(ContractAddress, message, Errors, "read a grant slot", cancellationToken).ConfigureAwait(false);
        return new GrantSlot(IdOrNull(output.GrantId), output.Version, output.Epoch);
    }

    /// <summary>Fills a grant's <see cref="AccessGrant.Version"/> and <see cref="AccessGrant.Epoch"/> from the chain, ready to sign. Sign and submit soon after: a grant submitted or revoked in the same slot meanwhile makes it stale (<c>StaleGrant</c>).</summary>
    /// <param name="grant">The grant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The grant with its slot's current version and the owner's epoch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grant"/> is null.</exception>
    /// <exception cref="ArgumentException">The purpose is empty.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<AccessGrant> PrepareGrantAsync(AccessGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var slot = await GetGrantSlotAsync(grant.Owner, grant.Grantee, grant.Scope, grant.Purpose, cancellationToken).ConfigureAwait(false);
        return grant with { Version = slot.Version, Epoch = slot.Epoch };
    }

    /// <summary>
    /// Voids a signed grant, submitted or not: it can never be submitted (again), and if it was submitted it is
    /// revoked. The connection's account must be the owner, a live delegate, or the owner's guardian. A grantee who
    /// races the cancellation by submitting first gains nothing: the cancellation then revokes.
    /// </summary>
    /// <param name="grant">The grant as signed (salt set).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grant"/> is null.</exception>
    /// <exception cref="ArgumentException">The grant has no salt or an invalid field.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotOwnerOrDelegate</c>.</exception>
    public virtual async Task<TransactionResult> CancelGrantAsync(AccessGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (grant.Salt is null)
        {
            throw new ArgumentException("Cancel the grant as it was signed: its salt is not set.", nameof(grant));
        }
        return await SendAsync(new CancelGrantFunction { G = ToStruct(grant) }, "CancelGrant", "cancel an access grant", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Revokes whatever read grant is in force in one slot (owner, grantee, scope, purpose), addressed by its terms
    /// rather than a grant id: a grantee who front-runs the revocation by submitting another grant it holds for the
    /// slot gains nothing, because the grant in force when this runs is revoked and the slot's version moves past
    /// every signature. The connection's account must be the owner, a live delegate, or the owner's guardian.
    /// </summary>
    /// <param name="owner">The owner.</param>
    /// <param name="grantee">The grantee.</param>
    /// <param name="scope">The scope.</param>
    /// <param name="purpose">The purpose-of-use code.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is empty.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownGrant</c> (nothing in force), <c>GrantAlreadyRevoked</c>, <c>NotOwnerOrDelegate</c>.</exception>
    public virtual async Task<TransactionResult> RevokeGrantInForceAsync(EvmAddress owner, EvmAddress grantee, AccessScope scope, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var message = new RevokeGrantInForceFunction
        {
            Owner = owner.ToString(),
            Grantee = grantee.ToString(),
            ScopeKind = (byte)scope.Kind,
            Scope = scope.ToBytes(),
            Purpose = ComputePurposeId(purpose).HexToByteArray(),
        };
        return await SendAsync(message, "RevokeGrantInForce", "revoke the grant in force", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Revokes whatever write grant is in force in one slot (see <see cref="RevokeGrantInForceAsync"/>).</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="author">The author.</param>
    /// <param name="scope">A content-type scope or <see cref="AccessScope.All"/>.</param>
    /// <param name="purpose">The purpose-of-use code.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is empty.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownGrant</c>, <c>GrantAlreadyRevoked</c>, <c>NotOwnerOrDelegate</c>.</exception>
    public virtual async Task<TransactionResult> RevokeWriteGrantInForceAsync(EvmAddress owner, EvmAddress author, AccessScope scope, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var message = new RevokeWriteGrantInForceFunction
        {
            Owner = owner.ToString(),
            Author = author.ToString(),
            ScopeKind = (byte)scope.Kind,
            Scope = scope.ToBytes(),
            Purpose = ComputePurposeId(purpose).HexToByteArray(),
        };
        return await SendAsync(message, "RevokeWriteGrantInForce", "revoke the write grant in force", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves the owner's epoch on: every grant signed under an older epoch — read or write, submitted or not — is
    /// void at once. The connection's account must be the owner or, for a minor, the guardian (not a delegate).
    /// </summary>
    /// <param name="owner">The owner.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotOwnerOrDelegate</c>.</exception>
    public virtual async Task<TransactionResult> BumpEpochAsync(EvmAddress owner, CancellationToken cancellationToken = default)
    {
        var message = new BumpEpochFunction { Owner = owner.ToString() };
        return await SendAsync(message, "BumpEpoch", "bump the grant epoch", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The owner's current epoch, which new grants carry.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The epoch (0 until the first bump).</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<uint> GetEpochAsync(EvmAddress owner, CancellationToken cancellationToken = default)
    {
        var message = new EpochOfFunction { Owner = owner.ToString() };
        return Connection.CallValueAsync<EpochOfFunction, uint>(ContractAddress, message, Errors, "read the grant epoch", cancellationToken);
    }

    /// <summary>
    /// The tag events carry instead of a patient's address: keccak256(abi.encode(owner)). It keeps addresses out of
    /// event topics; it does not hide a patient from anyone who already suspects the address (they can hash it too).
    /// </summary>
    /// <param name="owner">The patient.</param>
    /// <returns>The tag as 0x-hex (32 bytes).</returns>
    public static string ComputePatientTag(EvmAddress owner)
    {
        var word = AbiValues.AddressTopic(owner).HexToByteArray();
        return Keccak256.Hash(word).ToHex(true);
    }

    private static string? IdOrNull(byte[] id) => id.AsSpan().ContainsAnyExcept((byte)0) ? id.ToHex(true) : null;
}

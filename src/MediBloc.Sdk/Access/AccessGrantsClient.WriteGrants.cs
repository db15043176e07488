using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using MediBloc.Sdk.Access.Messages;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Records;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MediBloc.Sdk.Access;

/// <summary>
/// Write grants: a patient's standing consent that a certified provider writes new records of a content type (or any)
/// into the patient's record for one purpose until an expiry. Signed as EIP-712 typed data of their own type
/// (<c>WriteGrant</c>), so a read grant never passes for one; revoked with <see cref="RevokeGrantAsync"/> like a read grant.
/// </summary>
public partial class AccessGrantsClient
{
    /// <summary>Signs a write grant as EIP-712 typed data for this contract and chain. Nothing is sent.</summary>
    /// <param name="grant">The write grant; a random salt is drawn when it has none.</param>
    /// <param name="signerKey">The key of the owner, a live delegate of the owner, or the owner's guardian.</param>
    /// <returns>The signed grant, ready for anyone to submit with <see cref="SubmitWriteGrantAsync"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The scope is a one-record scope, the purpose is empty, the salt is not 32 bytes, or the expiry is before 1970.</exception>
    /// <exception cref="InvalidFormatException">An address in the grant is not an EVM address.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="signerKey"/> is disposed.</exception>
    public virtual SignedWriteGrant SignWriteGrant(WriteGrant grant, Secp256k1PrivateKey signerKey)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(signerKey);
        var salted = grant with
        {
            Owner = AbiValues.Address(grant.Owner, "grant.Owner"),
            Author = AbiValues.Address(grant.Author, "grant.Author"),
            Salt = grant.Salt ?? RandomNumberGenerator.GetBytes(32),
        };
        var (signature, id) = Sign(_writeTypedData, ToStruct(salted), signerKey);
        return new SignedWriteGrant(salted, signerKey.Address.ToString(), signature, id);
    }

    /// <summary>Submits a signed write grant; from then on the author may write records in its scope until it expires or is revoked. Any account may submit.</summary>
    /// <param name="signedGrant">The signed write grant.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The grant's id and the transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signedGrant"/> is null.</exception>
    /// <exception cref="ArgumentException">The grant's scope is a one-record scope.</exception>
    /// <exception cref="InvalidFormatException">The signature or an address is malformed.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnauthorizedSigner</c>, <c>InvalidSignature</c>, <c>GrantExpired</c>, <c>GrantExists</c>, <c>InvalidWriteScope</c>, <c>ZeroAddress</c>.</exception>
    public virtual async Task<GrantSubmitResult> SubmitWriteGrantAsync(SignedWriteGrant signedGrant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signedGrant);
        ArgumentNullException.ThrowIfNull(signedGrant.Grant);
        var message = new SubmitWriteGrantFunction { G = ToStruct(signedGrant.Grant), Signature = SignatureBytes(signedGrant.Signature) };
        var receipt = await SendAsync(message, "SubmitWriteGrant", "submit a write grant", cancellationToken).ConfigureAwait(false);
        var submitted = receipt.DecodeAllEvents<WriteGrantSubmittedEventDto>().Single();
        return new GrantSubmitResult(submitted.Event.GrantId.ToHex(true), receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value);
    }

    /// <summary>Whether <paramref name="author"/> may write a record of <paramref name="contentType"/> into <paramref name="owner"/>'s record for a purpose now: a live write grant for that content type or for any.</summary>
    /// <param name="owner">The patient (0x-hex).</param>
    /// <param name="author">The provider (0x-hex).</param>
    /// <param name="contentType">The record's content type.</param>
    /// <param name="purpose">The purpose-of-use code, e.g. <c>TREAT</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the write is consented.</returns>
    /// <exception cref="ArgumentNullException">An address is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="contentType"/> or <paramref name="purpose"/> is empty.</exception>
    /// <exception cref="InvalidFormatException">An address is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<bool> CanWriteAsync(string owner, string author, string contentType, string purpose, CancellationToken cancellationToken = default)
    {
        var message = new CanWriteFunction
        {
            Owner = AbiValues.Address(owner, nameof(owner)),
            Author = AbiValues.Address(author, nameof(author)),
            ContentTypeId = RecordRegistryClient.ComputeContentTypeId(contentType).HexToByteArray(),
            Purpose = ComputePurposeId(purpose).HexToByteArray(),
        };
        return _connection.CallValueAsync<CanWriteFunction, bool>(ContractAddress, message, _artifact.Errors, "check write consent", cancellationToken);
    }

    /// <summary>
    /// The write grant in force for one owner, author, scope and purpose — live or not, so a caller can tell "never
    /// granted" from expired or revoked (<see cref="GetGrantAsync"/>).
    /// </summary>
    /// <param name="owner">The patient (0x-hex).</param>
    /// <param name="author">The provider (0x-hex).</param>
    /// <param name="scope">A content-type scope or <see cref="AccessScope.All"/>.</param>
    /// <param name="purpose">The purpose-of-use code.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The grant id (0x-hex), or <see langword="null"/> when none was ever submitted.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is empty.</exception>
    /// <exception cref="InvalidFormatException">An address is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<string?> GetWriteGrantInForceAsync(string owner, string author, AccessScope scope, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var message = new WriteGrantInForceFunction
        {
            Owner = AbiValues.Address(owner, nameof(owner)),
            Author = AbiValues.Address(author, nameof(author)),
            ScopeKind = (byte)scope.Kind,
            Scope = scope.ToBytes(),
            Purpose = ComputePurposeId(purpose).HexToByteArray(),
        };
        var id = await _connection.CallValueAsync<WriteGrantInForceFunction, byte[]>(ContractAddress, message, _artifact.Errors, "read a write grant", cancellationToken).ConfigureAwait(false);
        return id.AsSpan().ContainsAnyExcept((byte)0) ? id.ToHex(true) : null;
    }

    /// <summary>Lists <c>WriteGrantSubmitted</c> events up to the latest block; in each, <see cref="GrantSubmittedEvent.Grantee"/> is the author.</summary>
    /// <param name="owner">Only this patient's write grants, or <see langword="null"/> for any.</param>
    /// <param name="author">Only write grants to this provider, or <see langword="null"/> for any.</param>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events in chain order.</returns>
    /// <exception cref="InvalidFormatException">An address is not an EVM address.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual IAsyncEnumerable<GrantSubmittedEvent> GetWriteGrantEventsAsync(string? owner = null, string? author = null, long fromBlock = 0, CancellationToken cancellationToken = default)
    {
        var topics = new[] { null, Topic(owner, nameof(owner)), Topic(author, nameof(author)) };
        return ReadGrantEventsAsync<WriteGrantSubmittedEventDto>(topics, fromBlock, AsGrantSubmitted, cancellationToken);
    }

    private static GrantSubmittedEventDto AsGrantSubmitted(WriteGrantSubmittedEventDto e) => new()
    {
        GrantId = e.GrantId,
        Owner = e.Owner,
        Grantee = e.Author,
        ScopeKind = e.ScopeKind,
        Scope = e.Scope,
        Purpose = e.Purpose,
        ExpiresAt = e.ExpiresAt,
        Signer = e.Signer,
    };

    private static WriteGrantStruct ToStruct(WriteGrant grant)
    {
        var (seconds, salt) = CheckTerms(grant.Scope, grant.Purpose, grant.ExpiresAt, grant.Salt);
        if (grant.Scope.Kind == AccessScopeKind.Record)
        {
            throw new ArgumentException("A write grant covers a content type (AccessScope.ForContentType) or every type (AccessScope.All), not one record.", nameof(grant));
        }
        return new WriteGrantStruct
        {
            Owner = AbiValues.Address(grant.Owner, "grant.Owner"),
            Author = AbiValues.Address(grant.Author, "grant.Author"),
            ScopeKind = (byte)grant.Scope.Kind,
            Scope = grant.Scope.ToBytes(),
            Purpose = AbiValues.Keccak(grant.Purpose),
            ExpiresAt = (ulong)seconds,
            Salt = salt,
        };
    }
}

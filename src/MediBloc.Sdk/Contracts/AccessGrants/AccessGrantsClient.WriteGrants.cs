using MediBloc.Sdk.Crypto.Signers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using MediBloc.Sdk.Contracts.AccessGrants.Messages;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace MediBloc.Sdk.Contracts.AccessGrants;

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
    /// <exception cref="ObjectDisposedException"><paramref name="signerKey"/> is disposed.</exception>
    public virtual SignedWriteGrant SignWriteGrant(WriteGrant grant, Secp256k1PrivateKey signerKey)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(signerKey);
        var salted = grant with { Salt = grant.Salt ?? RandomNumberGenerator.GetBytes(32) };
        var (signature, id) = Sign(_writeTypedData, ToStruct(salted), signerKey);
        return new SignedWriteGrant(salted, signerKey.Address, signature, id);
    }

    /// <summary>Signs a write grant as EIP-712 typed data for this contract and chain through a signer (a wallet, a remote key). Nothing is sent.</summary>
    /// <param name="grant">The write grant; a random salt is drawn when it has none.</param>
    /// <param name="signer">The signer of the owner, a live delegate of the owner, or the owner's guardian.</param>
    /// <param name="cancellationToken">Cancels the signing.</param>
    /// <returns>The signed grant, ready for anyone to submit with <see cref="SubmitWriteGrantAsync"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The scope is a one-record scope, the purpose is empty, the salt is not 32 bytes, or the expiry is before 1970.</exception>
    /// <exception cref="IntegrityException">The signer returned a signature that is not its account's.</exception>
    public virtual async Task<SignedWriteGrant> SignWriteGrantAsync(WriteGrant grant, MediBlocSigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(signer);
        var salted = grant with { Salt = grant.Salt ?? RandomNumberGenerator.GetBytes(32) };
        var message = ToStruct(salted);
        var signature = await _writeTypedData.SignAsync(message, signer, cancellationToken).ConfigureAwait(false);
        return new SignedWriteGrant(salted, signer.Address, signature, _writeTypedData.Hash(message).ToHex(true));
    }

    /// <summary>Submits a signed write grant; from then on the author may write records in its scope until it expires or is revoked. Any account may submit.</summary>
    /// <param name="signedGrant">The signed write grant.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The grant's id and the transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signedGrant"/> is null.</exception>
    /// <exception cref="ArgumentException">The grant's scope is a one-record scope.</exception>
    /// <exception cref="InvalidFormatException">The signature is malformed.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnauthorizedSigner</c>, <c>BadSignature</c>, <c>GrantExpired</c>, <c>GrantExists</c>, <c>GrantVoided</c>, <c>StaleGrant</c>, <c>WrongEpoch</c>, <c>InvalidWriteScope</c>, <c>ZeroAddress</c>.</exception>
    public virtual async Task<GrantSubmitResult> SubmitWriteGrantAsync(SignedWriteGrant signedGrant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signedGrant);
        ArgumentNullException.ThrowIfNull(signedGrant.Grant);
        var message = new SubmitWriteGrantFunction { G = ToStruct(signedGrant.Grant), Signature = SignatureBytes(signedGrant.Signature) };
        var receipt = await SendReceiptAsync(message, "SubmitWriteGrant", "submit a write grant", cancellationToken).ConfigureAwait(false);
        var submitted = receipt.DecodeAllEvents<WriteGrantSubmittedEventDto>().Single();
        return new GrantSubmitResult(submitted.Event.GrantId.ToHex(true), receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value);
    }

    /// <summary>Whether <paramref name="author"/> may write a record of <paramref name="contentType"/> into <paramref name="owner"/>'s record for a purpose now: a live write grant for that content type or for any.</summary>
    /// <param name="owner">The patient.</param>
    /// <param name="author">The provider.</param>
    /// <param name="contentType">The record's content type.</param>
    /// <param name="purpose">The purpose-of-use code, e.g. <c>TREAT</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the write is consented.</returns>
    /// <exception cref="ArgumentNullException">An address is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="contentType"/> or <paramref name="purpose"/> is empty.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<bool> CanWriteAsync(EvmAddress owner, EvmAddress author, string contentType, string purpose, CancellationToken cancellationToken = default)
    {
        var message = new CanWriteFunction
        {
            Owner = owner.ToString(),
            Author = author.ToString(),
            ContentTypeId = AccessScope.ForContentType(contentType).ToBytes(),
            Purpose = ComputePurposeId(purpose).HexToByteArray(),
        };
        return Connection.CallValueAsync<CanWriteFunction, bool>(ContractAddress, message, Errors, "check write consent", cancellationToken);
    }

    /// <summary>
    /// The write grant in force for one owner, author, scope and purpose under the owner's current epoch — live or
    /// not, so a caller can tell "never granted" from expired or revoked (<see cref="GetGrantAsync"/>).
    /// </summary>
    /// <param name="owner">The patient.</param>
    /// <param name="author">The provider.</param>
    /// <param name="scope">A content-type scope or <see cref="AccessScope.All"/>.</param>
    /// <param name="purpose">The purpose-of-use code.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The grant id (0x-hex), or <see langword="null"/> when none was submitted under this epoch.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is empty.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<string?> GetWriteGrantInForceAsync(EvmAddress owner, EvmAddress author, AccessScope scope, string purpose, CancellationToken cancellationToken = default) =>
        (await GetWriteGrantSlotAsync(owner, author, scope, purpose, cancellationToken).ConfigureAwait(false)).GrantIdInForce;

    /// <summary>The write-grant slot of one owner, author, scope and purpose: the grant in force and what a new grant must carry.</summary>
    /// <param name="owner">The patient.</param>
    /// <param name="author">The provider.</param>
    /// <param name="scope">A content-type scope or <see cref="AccessScope.All"/>.</param>
    /// <param name="purpose">The purpose-of-use code.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The slot.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is empty.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<GrantSlot> GetWriteGrantSlotAsync(EvmAddress owner, EvmAddress author, AccessScope scope, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var message = new WriteGrantSlotFunction
        {
            Owner = owner.ToString(),
            Author = author.ToString(),
            ScopeKind = (byte)scope.Kind,
            Scope = scope.ToBytes(),
            Purpose = ComputePurposeId(purpose).HexToByteArray(),
        };
        var output = await Connection.CallAsync<WriteGrantSlotFunction, WriteGrantSlotOutput>(ContractAddress, message, Errors, "read a write-grant slot", cancellationToken).ConfigureAwait(false);
        return new GrantSlot(IdOrNull(output.GrantId), output.Version, output.Epoch);
    }

    /// <summary>Fills a write grant's <see cref="WriteGrant.Version"/> and <see cref="WriteGrant.Epoch"/> from the chain, ready to sign.</summary>
    /// <param name="grant">The write grant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The grant with its slot's current version and the owner's epoch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grant"/> is null.</exception>
    /// <exception cref="ArgumentException">The purpose is empty.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<WriteGrant> PrepareWriteGrantAsync(WriteGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var slot = await GetWriteGrantSlotAsync(grant.Owner, grant.Author, grant.Scope, grant.Purpose, cancellationToken).ConfigureAwait(false);
        return grant with { Version = slot.Version, Epoch = slot.Epoch };
    }

    /// <summary>Voids a signed write grant, submitted or not: it can never be submitted (again). The connection's account must be the owner, a live delegate, or the guardian.</summary>
    /// <param name="grant">The write grant as signed (salt set).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grant"/> is null.</exception>
    /// <exception cref="ArgumentException">The grant has no salt or an invalid field.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>NotOwnerOrDelegate</c>.</exception>
    public virtual async Task<TransactionResult> CancelWriteGrantAsync(WriteGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (grant.Salt is null)
        {
            throw new ArgumentException("Cancel the grant as it was signed: its salt is not set.", nameof(grant));
        }
        return await SendAsync(new CancelWriteGrantFunction { G = ToStruct(grant) }, "CancelWriteGrant", "cancel a write grant", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists <c>WriteGrantSubmitted</c> events up to the latest block; in each, <see cref="GrantSubmittedEvent.Grantee"/> is the author.</summary>
    /// <param name="owner">Only this patient's write grants, or <see langword="null"/> for any.</param>
    /// <param name="author">Only write grants to this provider, or <see langword="null"/> for any.</param>
    /// <param name="fromBlock">The first block to read.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The events in chain order.</returns>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual IAsyncEnumerable<GrantSubmittedEvent> GetWriteGrantEventsAsync(EvmAddress? owner = null, EvmAddress? author = null, long fromBlock = 0, CancellationToken cancellationToken = default)
    {
        var topics = new[] { null, TagTopic(owner), Topic(author) };
        return ReadGrantEventsAsync<WriteGrantSubmittedEventDto>(topics, owner, fromBlock, AsGrantSubmitted, cancellationToken);
    }

    private static GrantSubmittedEventDto AsGrantSubmitted(WriteGrantSubmittedEventDto e) => new()
    {
        GrantId = e.GrantId,
        PatientTag = e.PatientTag,
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
            Owner = grant.Owner.ToString(),
            Author = grant.Author.ToString(),
            ScopeKind = (byte)grant.Scope.Kind,
            Scope = grant.Scope.ToBytes(),
            Purpose = AbiValues.Keccak(grant.Purpose),
            ExpiresAt = seconds,
            Version = grant.Version,
            Epoch = grant.Epoch,
            Salt = salt,
        };
    }
}

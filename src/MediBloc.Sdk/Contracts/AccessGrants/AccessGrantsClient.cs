using MediBloc.Sdk.Crypto.Signers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using MediBloc.Sdk.Contracts.AccessGrants.Messages;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Crypto;
using Nethereum.ABI;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;

namespace MediBloc.Sdk.Contracts.AccessGrants;

/// <summary>
/// The access-grant contract: who may read which of an owner's records and why. Grants are EIP-712 typed data
/// signed off chain by the owner (or a delegate, or a minor's guardian) with <see cref="SignGrant"/> and submitted
/// by anyone with <see cref="SubmitGrantAsync"/>, so granting costs the patient no gas. Grants expire and can be
/// revoked; <see cref="CanReadAsync"/> answers for one record and purpose. Delegates, guardians and the read audit
/// trail live here too.
/// </summary>
/// <remarks>Thread-safe; concurrent sends from one <see cref="ChainConnection"/> never collide on nonces.</remarks>
public partial class AccessGrantsClient : ContractClient
{
    private readonly GrantTypedDataSigner<GrantStruct> _typedData = null!;
    private readonly GrantTypedDataSigner<WriteGrantStruct> _writeTypedData = null!;

    /// <summary>For mocking only.</summary>
    protected AccessGrantsClient()
    {
    }

    /// <summary>Creates a client for an <c>AccessGrants</c> contract already deployed at <paramref name="contractAddress"/>.</summary>
    /// <param name="connection">The account and node to use.</param>
    /// <param name="contractAddress">The contract's address.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public AccessGrantsClient(ChainConnection connection, EvmAddress contractAddress)
        : base(connection, contractAddress, nameof(AccessGrantsClient), ContractArtifact.AccessGrants.Errors)
    {
        _typedData = new GrantTypedDataSigner<GrantStruct>(connection.ChainId, ContractAddress.ToString(), "Grant");
        _writeTypedData = new GrantTypedDataSigner<WriteGrantStruct>(connection.ChainId, ContractAddress.ToString(), "WriteGrant");
    }

    /// <summary>Deploys a new <c>AccessGrants</c> contract over a record registry and returns a client for it.</summary>
    /// <param name="connection">The deploying account and node.</param>
    /// <param name="recordRegistryAddress">The record registry whose records the grants cover.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A client bound to the new contract.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ChainException">The node is unavailable or the deployment failed.</exception>
    public static async Task<AccessGrantsClient> DeployAsync(ChainConnection connection, EvmAddress recordRegistryAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var registry = recordRegistryAddress.ToString();
        var arguments = new ABIEncode().GetABIEncoded(new ABIValue("address", registry));
        var deployment = await connection.DeployAsync(ContractArtifact.AccessGrants, arguments, cancellationToken).ConfigureAwait(false);
        return new AccessGrantsClient(connection, deployment.ContractAddress);
    }

    /// <summary>The id the chain keeps for a purpose-of-use code: keccak256 of its UTF-8 bytes.</summary>
    /// <param name="purpose">The purpose code, e.g. <c>TREAT</c>.</param>
    /// <returns>The id as 0x-hex (32 bytes).</returns>
    /// <exception cref="ArgumentException"><paramref name="purpose"/> is null or empty.</exception>
    public static string ComputePurposeId(string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return AbiValues.Keccak(purpose).ToHex(true);
    }

    /// <summary>The grant's id as this contract computes it (its EIP-712 digest), without signing.</summary>
    /// <param name="grant">The grant; its salt must be set.</param>
    /// <returns>The id as 0x-hex.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grant"/> is null.</exception>
    /// <exception cref="ArgumentException">The grant has no salt or an invalid field.</exception>
    public virtual string ComputeGrantId(AccessGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (grant.Salt is null)
        {
            throw new ArgumentException("The grant has no salt; sign it first, or set AccessGrant.Salt.", nameof(grant));
        }
        return _typedData.Hash(ToStruct(grant)).ToHex(true);
    }

    /// <summary>Signs a grant as EIP-712 typed data for this contract and chain. Nothing is sent.</summary>
    /// <param name="grant">The grant; a random salt is drawn when it has none.</param>
    /// <param name="signerKey">The key of the owner, a live delegate of the owner, or the owner's guardian.</param>
    /// <returns>The signed grant, ready for anyone to submit with <see cref="SubmitGrantAsync"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The purpose is empty, the salt is not 32 bytes, or the expiry is before 1970.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="signerKey"/> is disposed.</exception>
    public virtual SignedAccessGrant SignGrant(AccessGrant grant, Secp256k1PrivateKey signerKey)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(signerKey);
        var salted = grant.Salt is null ? grant with { Salt = RandomNumberGenerator.GetBytes(32) } : grant;
        var (signature, id) = Sign(_typedData, ToStruct(salted), signerKey);
        return new SignedAccessGrant(salted, signerKey.Address, signature, id);
    }

    /// <summary>Signs a grant as EIP-712 typed data for this contract and chain through a signer (a wallet, a remote key). Nothing is sent.</summary>
    /// <param name="grant">The grant; a random salt is drawn when it has none.</param>
    /// <param name="signer">The signer of the owner, a live delegate of the owner, or the owner's guardian.</param>
    /// <param name="cancellationToken">Cancels the signing.</param>
    /// <returns>The signed grant, ready for anyone to submit with <see cref="SubmitGrantAsync"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The purpose is empty, the salt is not 32 bytes, or the expiry is before 1970.</exception>
    /// <exception cref="IntegrityException">The signer returned a signature that is not its account's.</exception>
    public virtual async Task<SignedAccessGrant> SignGrantAsync(AccessGrant grant, MediBlocSigner signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(signer);
        var salted = grant.Salt is null ? grant with { Salt = RandomNumberGenerator.GetBytes(32) } : grant;
        var message = ToStruct(salted);
        var signature = await _typedData.SignAsync(message, signer, cancellationToken).ConfigureAwait(false);
        return new SignedAccessGrant(salted, signer.Address, signature, _typedData.Hash(message).ToHex(true));
    }

    /// <summary>Signs a read or write grant struct; returns the signature and the grant id (its digest), both 0x-hex.</summary>
    private static (string Signature, string GrantId) Sign<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TStruct>(GrantTypedDataSigner<TStruct> typedData, TStruct message, Secp256k1PrivateKey signerKey) =>
        (typedData.Sign(message, signerKey), typedData.Hash(message).ToHex(true));

    /// <summary>Submits a signed grant; from then on it is in force until it expires or is revoked. Any account may submit.</summary>
    /// <param name="signedGrant">The signed grant.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The grant's id and the transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signedGrant"/> is null.</exception>
    /// <exception cref="InvalidFormatException">The signature is malformed.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused the grant: <c>UnauthorizedSigner</c> (the signer may not grant for the owner), <c>BadSignature</c>, <c>GrantExpired</c>, <c>GrantExists</c> (this exact grant was submitted before), <c>GrantVoided</c> (it was cancelled or revoked), <c>StaleGrant</c> (a grant was submitted or revoked in its slot since it was signed: prepare and sign again), <c>WrongEpoch</c> (the owner bumped the epoch), <c>InvalidScope</c>, <c>ZeroAddress</c>.</exception>
    public virtual async Task<GrantSubmitResult> SubmitGrantAsync(SignedAccessGrant signedGrant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signedGrant);
        ArgumentNullException.ThrowIfNull(signedGrant.Grant);
        var message = new SubmitGrantFunction { G = ToStruct(signedGrant.Grant), Signature = SignatureBytes(signedGrant.Signature) };
        var receipt = await SendReceiptAsync(message, "SubmitGrant", "submit an access grant", cancellationToken).ConfigureAwait(false);
        var submitted = receipt.DecodeAllEvents<GrantSubmittedEventDto>().Single();
        return new GrantSubmitResult(submitted.Event.GrantId.ToHex(true), receipt.TransactionHash, (long)receipt.BlockNumber.Value, (long)receipt.GasUsed.Value);
    }

    /// <summary>Revokes a grant. The connection's account must be the owner, a live delegate, or the owner's guardian.</summary>
    /// <param name="grantId">The grant's id (0x-hex, 32 bytes).</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The transaction's facts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grantId"/> is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="grantId"/> is not 32 bytes of hex.</exception>
    /// <exception cref="ChainException">The node is unavailable, or the contract refused: <c>UnknownGrant</c>, <c>NotOwnerOrDelegate</c>, <c>GrantAlreadyRevoked</c>.</exception>
    public virtual async Task<TransactionResult> RevokeGrantAsync(string grantId, CancellationToken cancellationToken = default)
    {
        var id = AbiValues.Bytes32(grantId, nameof(grantId));
        return await SendAsync(new RevokeGrantFunction { GrantId = id }, "RevokeGrant", "revoke an access grant", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a submitted grant's state.</summary>
    /// <param name="grantId">The grant's id (0x-hex, 32 bytes).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state, or <see langword="null"/> when no such grant was submitted or cancelled.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grantId"/> is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="grantId"/> is not 32 bytes of hex.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<AccessGrantStatus?> GetGrantAsync(string grantId, CancellationToken cancellationToken = default)
    {
        var id = AbiValues.Bytes32(grantId, nameof(grantId));
        var output = await Connection.CallAsync<GetGrantFunction, GetGrantOutput>(ContractAddress, new GetGrantFunction { GrantId = id }, Errors, "read an access grant", cancellationToken).ConfigureAwait(false);
        if (output.Owner is null || output.Owner == "0x0000000000000000000000000000000000000000")
        {
            return null;
        }
        return new AccessGrantStatus(id.ToHex(true), AbiValues.Decoded(output.Owner), AbiValues.Time(output.ExpiresAt), output.Revoked, output.Voided);
    }

    /// <summary>Whether <paramref name="reader"/> may read a record for a purpose now: the owner and the owner's guardian always may; anyone else needs a live grant for that record, its content type, or all the owner's records.</summary>
    /// <param name="reader">The reading account.</param>
    /// <param name="recordId">The record's id, keccak256(abi.encode(owner, commitment)) (32 bytes).</param>
    /// <param name="purpose">The purpose-of-use code, e.g. <c>TREAT</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the read is permitted; <see langword="false"/> also for a record that is not anchored.</returns>
    /// <exception cref="ArgumentException"><paramref name="recordId"/> is not 32 bytes, or <paramref name="purpose"/> is empty.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual Task<bool> CanReadAsync(EvmAddress reader, RecordId recordId, string purpose, CancellationToken cancellationToken = default)
    {
        var message = new CanReadFunction
        {
            Reader = reader.ToString(),
            RecordId = recordId.ToBytes(),
            Purpose = ComputePurposeId(purpose).HexToByteArray(),
        };
        return Connection.CallValueAsync<CanReadFunction, bool>(ContractAddress, message, Errors, "check read access", cancellationToken);
    }

    /// <summary>Asks the contract for a grant's id (its EIP-712 digest, a view call); it equals <see cref="ComputeGrantId"/>.</summary>
    /// <param name="grant">The grant; its salt must be set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The id as 0x-hex.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grant"/> is null.</exception>
    /// <exception cref="ArgumentException">The grant has no salt or an invalid field.</exception>
    /// <exception cref="ChainException">The node is unavailable.</exception>
    public virtual async Task<string> GetGrantIdOnChainAsync(AccessGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (grant.Salt is null)
        {
            throw new ArgumentException("The grant has no salt; sign it first, or set AccessGrant.Salt.", nameof(grant));
        }
        var digest = await Connection.CallValueAsync<HashGrantFunction, byte[]>(ContractAddress, new HashGrantFunction { G = ToStruct(grant) }, Errors, "hash a grant", cancellationToken).ConfigureAwait(false);
        return digest.ToHex(true);
    }

    /// <summary>Recovers, off chain, the account whose key made a grant's signature, e.g. for a relayer to check a grant before paying to submit it.</summary>
    /// <param name="signedGrant">The signed grant.</param>
    /// <returns>The signing account.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signedGrant"/> is null.</exception>
    /// <exception cref="InvalidFormatException">The signature is not a 65-byte hex signature.</exception>
    public virtual EvmAddress RecoverSigner(SignedAccessGrant signedGrant)
    {
        ArgumentNullException.ThrowIfNull(signedGrant);
        ArgumentNullException.ThrowIfNull(signedGrant.Grant);
        try
        {
            return AbiValues.Address(_typedData.Recover(ToStruct(signedGrant.Grant), signedGrant.Signature), "signer");
        }
        catch (Exception e) when (e is InvalidFormatException or IntegrityException or FormatException or ArgumentException)
        {
            throw new InvalidFormatException("The grant's signature is not a valid 65-byte secp256k1 signature (r, s, v) as hex.", e);
        }
    }

    private static byte[] SignatureBytes(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        try
        {
            return signature.HexToByteArray();
        }
        catch (FormatException e)
        {
            throw new InvalidFormatException("The grant's signature is not hex.", e);
        }
    }

    private static GrantStruct ToStruct(AccessGrant grant)
    {
        var (seconds, salt) = CheckTerms(grant.Scope, grant.Purpose, grant.ExpiresAt, grant.Salt);
        return new GrantStruct
        {
            Owner = grant.Owner.ToString(),
            Grantee = grant.Grantee.ToString(),
            ScopeKind = (byte)grant.Scope.Kind,
            Scope = grant.Scope.ToBytes(),
            Purpose = AbiValues.Keccak(grant.Purpose),
            ExpiresAt = seconds,
            Version = grant.Version,
            Epoch = grant.Epoch,
            Salt = salt,
        };
    }

    /// <summary>Checks the terms read and write grants share; returns the expiry in Unix seconds and the salt (zero when unset).</summary>
    private static (ulong Seconds, byte[] Salt) CheckTerms(AccessScope scope, string purpose, DateTimeOffset expiresAt, ReadOnlyMemory<byte>? salt)
    {
        ArgumentNullException.ThrowIfNull(scope, "grant.Scope");
        ArgumentException.ThrowIfNullOrEmpty(purpose, "grant.Purpose");
        var seconds = expiresAt.ToUnixTimeSeconds();
        if (seconds < 0)
        {
            throw new ArgumentException("The grant's expiry is before 1970.", "grant");
        }
        var bytes = salt ?? new byte[32];
        if (bytes.Length != 32)
        {
            throw new ArgumentException($"A grant's salt is 32 bytes; got {bytes.Length}.", "grant");
        }
        return ((ulong)seconds, bytes.ToArray());
    }
}

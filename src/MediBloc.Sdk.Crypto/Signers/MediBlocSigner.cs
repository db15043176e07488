namespace MediBloc.Sdk.Crypto.Signers;

/// <summary>
/// An account that signs: the one thing every role client and chain connection needs from its user's key. Subclass
/// it to sign elsewhere (a wallet, a hardware key, a remote service): only <see cref="PublicKey"/> and
/// <see cref="SignDigestAsync"/> are required, and the SDK never sees the private key.
/// </summary>
/// <remarks>
/// <para>Typed data (EIP-712) and transactions are signed through <see cref="SignDigestAsync"/> by default; a wallet
/// that shows the user what it signs overrides <see cref="SignTypedDataAsync"/> and <see cref="SignTransactionAsync"/>.
/// Signatures from a subclass other than <see cref="LocalKeySigner"/> are checked against <see cref="PublicKey"/>
/// before they are used.</para>
/// <para>Opening sealed records needs the private key for key agreement (ECDH); only a <see cref="LocalKeySigner"/>
/// has it. With any other signer, writing, granting, anchoring and authoring work; opening fails with
/// <see cref="MediBlocErrorCode.KeyAgreementUnavailable"/>.</para>
/// <para>Implementations must be thread-safe: a connection may sign concurrently.</para>
/// </remarks>
public abstract class MediBlocSigner
{
    /// <summary>Creates a signer.</summary>
    protected MediBlocSigner()
    {
    }

    /// <summary>The account's public key.</summary>
    public abstract Secp256k1PublicKey PublicKey { get; }

    /// <summary>The account's address (derived from <see cref="PublicKey"/>).</summary>
    public virtual EvmAddress Address => PublicKey.Address;

    /// <summary>Signs a 32-byte digest with the account's key (ECDSA on secp256k1, low-S, with its recovery id).</summary>
    /// <param name="digest">The 32-byte hash to sign.</param>
    /// <param name="cancellationToken">Cancels the signing.</param>
    /// <returns>The signature, with its recovery id.</returns>
    /// <exception cref="ArgumentException"><paramref name="digest"/> is not 32 bytes.</exception>
    public abstract ValueTask<EcdsaSignature> SignDigestAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default);

    /// <summary>Signs EIP-712 typed data. By default: <see cref="SignDigestAsync"/> of <see cref="Eip712.Hash(string)"/>.</summary>
    /// <param name="typedDataJson">The typed data document (<c>eth_signTypedData_v4</c> JSON).</param>
    /// <param name="cancellationToken">Cancels the signing.</param>
    /// <returns>The signature, with its recovery id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="typedDataJson"/> is null.</exception>
    /// <exception cref="InvalidFormatException">The document is not valid typed data.</exception>
    /// <exception cref="IntegrityException">The signature is not the account's (<see cref="IntegrityCheck.Signature"/>).</exception>
    public virtual async ValueTask<EcdsaSignature> SignTypedDataAsync(string typedDataJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typedDataJson);
        var digest = Eip712.Hash(typedDataJson);
        var signature = await SignDigestAsync(digest, cancellationToken).ConfigureAwait(false);
        CheckSignature(digest, signature);
        return signature;
    }

    /// <summary>Signs a transaction. By default: <see cref="SignDigestAsync"/> of <see cref="EvmTransaction.GetSigningHash"/>.</summary>
    /// <param name="transaction">The unsigned transaction.</param>
    /// <param name="cancellationToken">Cancels the signing.</param>
    /// <returns>The signed raw transaction, as sent with <c>eth_sendRawTransaction</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transaction"/> is null.</exception>
    /// <exception cref="IntegrityException">The signature is not the account's (<see cref="IntegrityCheck.Signature"/>).</exception>
    public virtual async ValueTask<byte[]> SignTransactionAsync(EvmTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var digest = transaction.GetSigningHash();
        var signature = await SignDigestAsync(digest, cancellationToken).ConfigureAwait(false);
        CheckSignature(digest, signature);
        return transaction.EncodeSigned(signature);
    }

    /// <summary>Shows the address only.</summary>
    /// <returns>The signer's type and address.</returns>
    public override string ToString() => $"{GetType().Name}({Address})";

    private void CheckSignature(byte[] digest, EcdsaSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature, nameof(signature));
        if (this is LocalKeySigner)
        {
            return;
        }
        if (signature.RecoveryId is null || !signature.IsLowS || !Secp256k1Ecdsa.TryRecoverPublicKey(digest, signature, out var signer) || !signer.Equals(PublicKey))
        {
            throw new IntegrityException($"The signer {GetType().Name} returned a signature that is not a low-S signature by {Address} of the digest it was given.", IntegrityCheck.Signature);
        }
    }
}

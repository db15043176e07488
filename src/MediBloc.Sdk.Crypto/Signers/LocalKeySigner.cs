namespace MediBloc.Sdk.Crypto.Signers;

/// <summary>A signer over a private key held in this process.</summary>
/// <remarks>
/// Signs synchronously (RFC 6979, <see cref="Secp256k1Ecdsa.SignHash"/>) and completes its tasks at once. The signer
/// does not own the key: the caller disposes it after the signer's last use. Because it holds the key, it is the
/// signer that can open sealed records (key agreement through <see cref="Key"/>).
/// </remarks>
public class LocalKeySigner : MediBlocSigner
{
    private readonly Secp256k1PrivateKey _key = null!;

    /// <summary>For mocking only.</summary>
    protected LocalKeySigner()
    {
    }

    /// <summary>Creates a signer over a key.</summary>
    /// <param name="key">The account's private key.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="key"/> was disposed.</exception>
    public LocalKeySigner(Secp256k1PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        PublicKey = key.PublicKey;
        Address = PublicKey.Address;
    }

    /// <summary>The private key, for key agreement (opening sealed records).</summary>
    public virtual Secp256k1PrivateKey Key => _key;

    /// <inheritdoc/>
    public override Secp256k1PublicKey PublicKey { get; } = null!;

    /// <inheritdoc/>
    public override EvmAddress Address { get; }

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public override ValueTask<EcdsaSignature> SignDigestAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Secp256k1Ecdsa.SignHash(digest.Span, Key));

    /// <inheritdoc/>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public override ValueTask<byte[]> SignTransactionAsync(EvmTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return ValueTask.FromResult(transaction.EncodeSigned(Secp256k1Ecdsa.SignHash(transaction.GetSigningHash(), Key)));
    }
}

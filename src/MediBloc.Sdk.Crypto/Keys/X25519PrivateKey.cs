using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// An X25519 private key (RFC 7748): the recipient key of the second key-wrap suite, <see cref="X25519KeyWrap"/>.
/// </summary>
/// <remarks>
/// <para>An account's X25519 key is usually derived from its secp256k1 key with <see cref="DeriveFrom"/>, so the
/// account's keystore and guardian shares recover it too, and the account publishes only
/// <see cref="PublicKey"/>. The key is never used for signing, only for key agreement.</para>
/// <para>The 32 secret bytes live in a pinned array that is zeroed by <see cref="Dispose"/> and leave the object only
/// through <see cref="ExportPrivateKey"/>. <see cref="ToString"/> shows the public key and nothing secret.</para>
/// </remarks>
public sealed class X25519PrivateKey : IDisposable
{
    /// <summary>The length of a private key in bytes.</summary>
    public const int Length = 32;

    private static readonly byte[] DerivationLabel = Encoding.ASCII.GetBytes("MediBloc X25519 key from secp256k1 v1");

    private readonly byte[] _k = GC.AllocateArray<byte>(Length, pinned: true);
    private X25519PublicKey? _publicKey;
    private bool _disposed;

    private X25519PrivateKey(ReadOnlySpan<byte> k) => k.CopyTo(_k);

    /// <summary>Creates a new key from the operating system's cryptographically secure random generator.</summary>
    /// <returns>A fresh private key.</returns>
    public static X25519PrivateKey Generate()
    {
        Span<byte> k = stackalloc byte[Length];
        RandomNumberGenerator.Fill(k);
        try
        {
            return new X25519PrivateKey(k);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(k);
        }
    }

    /// <summary>Imports a raw 32-byte private key. Every 32-byte string is a key: RFC 7748 clamps it when it is used.</summary>
    /// <param name="privateKey">Exactly 32 bytes.</param>
    /// <returns>The key.</returns>
    /// <exception cref="InvalidFormatException">The input is not 32 bytes.</exception>
    public static X25519PrivateKey Import(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != Length)
        {
            throw new InvalidFormatException($"An X25519 private key is {Length} bytes; got {privateKey.Length}.");
        }

        return new X25519PrivateKey(privateKey);
    }

    /// <summary>
    /// Derives an account's X25519 key from its secp256k1 key:
    /// <c>HKDF-SHA256(IKM = the 32 secp256k1 key bytes, salt = empty, info = "MediBloc X25519 key from secp256k1 v1", L = 32)</c>.
    /// The same account key always gives the same X25519 key, and the X25519 key reveals nothing about the account key.
    /// </summary>
    /// <param name="accountKey">The account's secp256k1 private key.</param>
    /// <returns>The account's X25519 key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="accountKey"/> is null.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="accountKey"/> was disposed.</exception>
    public static X25519PrivateKey DeriveFrom(Secp256k1PrivateKey accountKey)
    {
        ArgumentNullException.ThrowIfNull(accountKey);
        Span<byte> k = stackalloc byte[Length];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, accountKey.SecretSpan, k, ReadOnlySpan<byte>.Empty, DerivationLabel);
            return new X25519PrivateKey(k);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(k);
        }
    }

    /// <summary>The matching public key.</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public X25519PublicKey PublicKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_publicKey is null)
            {
                var u = new byte[X25519PublicKey.Length];
                X25519.ScalarMultBase(_k, 0, u, 0);
                _publicKey = new X25519PublicKey(u);
            }

            return _publicKey;
        }
    }

    /// <summary>Exports the raw 32-byte private key. The caller owns the copy and should zero it when done.</summary>
    /// <returns>A new array with the 32 key bytes.</returns>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] ExportPrivateKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (byte[])_k.Clone();
    }

    /// <summary>
    /// Raw X25519: writes the 32-byte shared secret with <paramref name="peer"/>; false when it is all zeros, which
    /// only a low-order peer point gives (RFC 7748 §6.1). <see cref="X25519PublicKey.Import"/> already refuses those.
    /// </summary>
    internal bool TryAgree(X25519PublicKey peer, Span<byte> shared) => TryAgree(peer.Span, shared);

    /// <inheritdoc cref="TryAgree(X25519PublicKey, Span{byte})"/>
    internal bool TryAgree(ReadOnlySpan<byte> peer, Span<byte> shared)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var output = new byte[X25519PublicKey.Length];
        try
        {
            var ok = X25519.CalculateAgreement(_k, 0, peer.ToArray(), 0, output, 0);
            output.CopyTo(shared);
            return ok;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(output);
        }
    }

    /// <summary>Zeroes the key bytes. Later use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_k);
            _disposed = true;
        }
    }

    /// <summary>Describes the key by its public key only; never prints secret material.</summary>
    /// <returns>For example <c>X25519PrivateKey(0x8520f009…)</c>.</returns>
    public override string ToString() =>
        _disposed ? "X25519PrivateKey(disposed)" : $"X25519PrivateKey({PublicKey})";
}

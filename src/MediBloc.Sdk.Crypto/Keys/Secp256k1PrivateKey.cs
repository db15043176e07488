using System.Security.Cryptography;
using MediBloc.Sdk.Crypto.Internal;
using Org.BouncyCastle.Crypto.Parameters;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// A secp256k1 private key: the key of an EVM account and of a record recipient.
/// </summary>
/// <remarks>
/// The 32 secret bytes live in a pinned array that is zeroed by <see cref="Dispose"/>. They leave the object
/// only through <see cref="ExportPrivateKey"/>. <see cref="ToString"/> shows the address and nothing secret.
/// Arithmetic inside BouncyCastle works on transient copies of the scalar that the garbage collector reclaims
/// but cannot zero; this is the limit of key hygiene in managed code.
/// </remarks>
public sealed class Secp256k1PrivateKey : IDisposable
{
    /// <summary>The length of a private key in bytes.</summary>
    public const int Length = 32;

    private readonly byte[] _d;
    private Secp256k1PublicKey? _publicKey;
    private bool _disposed;

    private Secp256k1PrivateKey(ReadOnlySpan<byte> d)
    {
        _d = GC.AllocateArray<byte>(Length, pinned: true);
        d.CopyTo(_d);
    }

    /// <summary>Creates a new key from the operating system's cryptographically secure random generator.</summary>
    /// <returns>A fresh private key.</returns>
    public static Secp256k1PrivateKey Generate()
    {
        Span<byte> candidate = stackalloc byte[Length];
        try
        {
            do
            {
                RandomNumberGenerator.Fill(candidate);
            }
            while (!Secp256k1Curve.IsValidScalar(candidate));

            return new Secp256k1PrivateKey(candidate);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(candidate);
        }
    }

    /// <summary>Imports a raw 32-byte big-endian private key.</summary>
    /// <param name="privateKey">Exactly 32 bytes, a scalar in [1, n−1].</param>
    /// <returns>The key.</returns>
    /// <exception cref="InvalidFormatException">The input is not 32 bytes or is zero or not below the curve order.</exception>
    public static Secp256k1PrivateKey Import(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != Length)
        {
            throw new InvalidFormatException($"A secp256k1 private key is {Length} bytes; got {privateKey.Length}.");
        }

        if (!Secp256k1Curve.IsValidScalar(privateKey))
        {
            throw new InvalidFormatException("The private key is out of range: it must be between 1 and the secp256k1 group order minus 1.");
        }

        return new Secp256k1PrivateKey(privateKey);
    }

    /// <summary>Imports a private key written as 64 hexadecimal digits, with or without a <c>0x</c> prefix (as printed by anvil or geth).</summary>
    /// <param name="hex">The key in hexadecimal.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hex"/> is null.</exception>
    /// <exception cref="InvalidFormatException">The text is not 32 bytes of hex or the key is out of range.</exception>
    public static Secp256k1PrivateKey FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var bytes = HexInput.TryDecode(hex)
            ?? throw new InvalidFormatException("The private key is not hexadecimal; expected 64 hex digits, optionally prefixed with 0x.");
        try
        {
            return Import(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The matching public key.</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public Secp256k1PublicKey PublicKey
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _publicKey ??= new Secp256k1PublicKey(Secp256k1Curve.MultiplyBase(Scalar));
        }
    }

    /// <summary>The EVM account address of this key.</summary>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public EvmAddress Address => PublicKey.Address;

    /// <summary>The scalar as a BouncyCastle integer, for composition inside the package.</summary>
    internal BcBigInteger Scalar
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return new BcBigInteger(1, _d);
        }
    }

    /// <summary>The 32 secret bytes, for key derivation inside the package.</summary>
    internal ReadOnlySpan<byte> SecretSpan
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _d;
        }
    }

    /// <summary>The key as BouncyCastle parameters, for composition inside the package.</summary>
    internal ECPrivateKeyParameters Parameters => new(Scalar, Secp256k1Curve.Domain);

    /// <summary>Exports the raw 32-byte private key. The caller owns the copy and should zero it when done.</summary>
    /// <returns>A new array with the 32 key bytes.</returns>
    /// <exception cref="ObjectDisposedException">The key was disposed.</exception>
    public byte[] ExportPrivateKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (byte[])_d.Clone();
    }

    /// <summary>Zeroes the key bytes. Later use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            CryptographicOperations.ZeroMemory(_d);
            _disposed = true;
        }
    }

    /// <summary>Describes the key by its address only; never prints secret material.</summary>
    /// <returns>For example <c>Secp256k1PrivateKey(0xAb5801a7…)</c>.</returns>
    public override string ToString() =>
        _disposed ? "Secp256k1PrivateKey(disposed)" : $"Secp256k1PrivateKey({Address})";
}

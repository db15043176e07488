using System.Security.Cryptography;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// AES-256-GCM for small payloads, with the nonce chosen inside: <see cref="Seal"/> returns
/// <c>nonce (12) ‖ ciphertext ‖ tag (16)</c>, and <see cref="Open"/> returns the exact plaintext or throws.
/// </summary>
/// <remarks>
/// <para>Guarantee: confidentiality and integrity of the plaintext and integrity of the associated data.</para>
/// <para>Limits: nonces are random 96-bit values, so one key must seal at most 2^32 messages (NIST SP 800-38D
/// §8.3); each message is at most 2^31 − 29 bytes here. GCM is not key-committing: a ciphertext can be crafted to
/// open under two different keys. Where several parties hold different copies of a key, commit to the key as
/// <see cref="RecordEnvelope"/> does. For large payloads use <see cref="RecordEnvelope"/>'s streaming form.</para>
/// <para>The key is zeroed on <see cref="Dispose"/>. Instances are thread-safe for concurrent
/// <see cref="Seal"/>/<see cref="Open"/> calls only on .NET 8+ platforms whose <see cref="AesGcm"/> is; create one per thread when in doubt.</para>
/// </remarks>
public sealed class AesGcmAead : IDisposable
{
    /// <summary>The key length in bytes.</summary>
    public const int KeySize = 32;

    /// <summary>The nonce length in bytes.</summary>
    public const int NonceSize = 12;

    /// <summary>The tag length in bytes.</summary>
    public const int TagSize = 16;

    /// <summary>The bytes <see cref="Seal"/> adds to the plaintext.</summary>
    public const int Overhead = NonceSize + TagSize;

    private readonly AesGcm _aes;
    private readonly byte[] _key;
    private bool _disposed;

    private AesGcmAead(ReadOnlySpan<byte> key)
    {
        _key = GC.AllocateArray<byte>(KeySize, pinned: true);
        key.CopyTo(_key);
        _aes = new AesGcm(_key, TagSize);
    }

    /// <summary>Creates a primitive with a fresh random key.</summary>
    /// <returns>The primitive.</returns>
    public static AesGcmAead Generate()
    {
        Span<byte> key = stackalloc byte[KeySize];
        RandomNumberGenerator.Fill(key);
        try
        {
            return new AesGcmAead(key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Creates a primitive from an existing 32-byte key.</summary>
    /// <param name="key">Exactly 32 bytes.</param>
    /// <returns>The primitive.</returns>
    /// <exception cref="InvalidFormatException"><paramref name="key"/> is not 32 bytes.</exception>
    public static AesGcmAead Import(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
        {
            throw new InvalidFormatException($"An AES-256-GCM key is {KeySize} bytes; got {key.Length}.");
        }

        return new AesGcmAead(key);
    }

    /// <summary>Exports the raw key. The caller owns the copy and should zero it when done.</summary>
    /// <returns>A new array with the 32 key bytes.</returns>
    /// <exception cref="ObjectDisposedException">The primitive was disposed.</exception>
    public byte[] ExportKey()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return (byte[])_key.Clone();
    }

    /// <summary>Encrypts and authenticates <paramref name="plaintext"/>, and authenticates <paramref name="associatedData"/>.</summary>
    /// <param name="plaintext">The message.</param>
    /// <param name="associatedData">Data bound to the ciphertext but not encrypted; the same bytes must be given to <see cref="Open"/>.</param>
    /// <returns><c>nonce ‖ ciphertext ‖ tag</c>.</returns>
    /// <exception cref="ObjectDisposedException">The primitive was disposed.</exception>
    /// <exception cref="ArgumentException">The plaintext is too long for one message.</exception>
    public byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (plaintext.Length > int.MaxValue - Overhead)
        {
            throw new ArgumentException("The plaintext is too long for a single AES-GCM message; use RecordEnvelope's streaming form.", nameof(plaintext));
        }

        // Every byte is written below (nonce, ciphertext, tag), so the array need not be zeroed first.
        var output = GC.AllocateUninitializedArray<byte>(plaintext.Length + Overhead);
        SealInto(plaintext, output, associatedData);
        return output;
    }

    /// <summary>
    /// Encrypts and authenticates <paramref name="plaintext"/> into a buffer the caller provides, so that no array is
    /// allocated; the output format is the same as <see cref="Seal"/>'s.
    /// </summary>
    /// <param name="plaintext">The message.</param>
    /// <param name="destination">At least <c>plaintext.Length + </c><see cref="Overhead"/> bytes; it must not overlap <paramref name="plaintext"/>.</param>
    /// <param name="associatedData">Data bound to the ciphertext but not encrypted.</param>
    /// <returns>The bytes written: <c>plaintext.Length + </c><see cref="Overhead"/>.</returns>
    /// <exception cref="ObjectDisposedException">The primitive was disposed.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short, or the plaintext is too long for one message.</exception>
    public int SealInto(ReadOnlySpan<byte> plaintext, Span<byte> destination, ReadOnlySpan<byte> associatedData = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (plaintext.Length > int.MaxValue - Overhead)
        {
            throw new ArgumentException("The plaintext is too long for a single AES-GCM message; use RecordEnvelope's streaming form.", nameof(plaintext));
        }

        var length = plaintext.Length + Overhead;
        if (destination.Length < length)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; sealing this plaintext writes {length}.", nameof(destination));
        }

        var nonce = destination[..NonceSize];
        RandomNumberGenerator.Fill(nonce);
        _aes.Encrypt(nonce, plaintext, destination.Slice(NonceSize, plaintext.Length), destination.Slice(NonceSize + plaintext.Length, TagSize), associatedData);
        return length;
    }

    /// <summary>Seals under a given nonce; only for checking the wire format against published test vectors.</summary>
    internal byte[] SealWithNonce(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var output = new byte[plaintext.Length + Overhead];
        nonce.CopyTo(output);
        _aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length), associatedData);
        return output;
    }

    /// <summary>Checks and decrypts a message produced by <see cref="Seal"/>.</summary>
    /// <param name="ciphertext"><c>nonce ‖ ciphertext ‖ tag</c>.</param>
    /// <param name="associatedData">The associated data given to <see cref="Seal"/>.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="ObjectDisposedException">The primitive was disposed.</exception>
    /// <exception cref="IntegrityException">The message is shorter than 28 bytes (<see cref="IntegrityCheck.Format"/>), or
    /// it, its associated data or the key differ from sealing (<see cref="IntegrityCheck.Tag"/>).</exception>
    public byte[] Open(ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> associatedData = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (ciphertext.Length < Overhead)
        {
            throw new IntegrityException($"The AES-GCM message is truncated: {ciphertext.Length} bytes, at least {Overhead} expected.", IntegrityCheck.Format);
        }

        // Decrypt writes every byte, and clears them all when the tag fails.
        var plaintext = GC.AllocateUninitializedArray<byte>(ciphertext.Length - Overhead);
        OpenInto(ciphertext, plaintext, associatedData);
        return plaintext;
    }

    /// <summary>Checks and decrypts a message produced by <see cref="Seal"/> or <see cref="SealInto"/> into a buffer the caller provides.</summary>
    /// <param name="ciphertext"><c>nonce ‖ ciphertext ‖ tag</c>.</param>
    /// <param name="destination">At least <c>ciphertext.Length − </c><see cref="Overhead"/> bytes; it must not overlap <paramref name="ciphertext"/>. Cleared when the tag fails.</param>
    /// <param name="associatedData">The associated data given when sealing.</param>
    /// <returns>The plaintext bytes written.</returns>
    /// <exception cref="ObjectDisposedException">The primitive was disposed.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    /// <exception cref="IntegrityException">As for <see cref="Open"/>.</exception>
    public int OpenInto(ReadOnlySpan<byte> ciphertext, Span<byte> destination, ReadOnlySpan<byte> associatedData = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (ciphertext.Length < Overhead)
        {
            throw new IntegrityException($"The AES-GCM message is truncated: {ciphertext.Length} bytes, at least {Overhead} expected.", IntegrityCheck.Format);
        }

        var length = ciphertext.Length - Overhead;
        if (destination.Length < length)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; this message opens to {length}.", nameof(destination));
        }

        try
        {
            _aes.Decrypt(ciphertext[..NonceSize], ciphertext.Slice(NonceSize, length), ciphertext[(NonceSize + length)..], destination[..length], associatedData);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new IntegrityException("The AES-GCM tag did not verify: the message, its associated data or the key is not the one used to seal it.", IntegrityCheck.Tag, ex);
        }

        return length;
    }

    /// <summary>Zeroes the key and releases the native state.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _aes.Dispose();
            CryptographicOperations.ZeroMemory(_key);
            _disposed = true;
        }
    }

    /// <summary>Names the algorithm only.</summary>
    /// <returns><c>AesGcmAead(AES-256-GCM)</c>.</returns>
    public override string ToString() => "AesGcmAead(AES-256-GCM)";
}

using System.Security.Cryptography;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// A salted commitment to a record: <c>SHA-256(salt ‖ plaintext)</c> with a 32-byte random salt.
/// Anchored on a public chain, it proves later that a record is unchanged, while the salt keeps a
/// low-entropy record ("blood type A+") from being guessed by hashing candidates.
/// </summary>
/// <remarks>
/// Use <see cref="Compute(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> for data in memory, or create an instance
/// and <see cref="Append"/> chunks for a stream. An instance is not thread-safe.
/// </remarks>
public sealed class SaltedCommitment : IDisposable
{
    /// <summary>The salt length in bytes.</summary>
    public const int SaltSize = 32;

    /// <summary>The commitment length in bytes.</summary>
    public const int CommitmentSize = 32;

    private readonly IncrementalHash _hash;
    private bool _finished;

    /// <summary>Starts an incremental commitment under <paramref name="salt"/>.</summary>
    /// <param name="salt">Exactly 32 bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="salt"/> is not 32 bytes.</exception>
    public SaltedCommitment(ReadOnlySpan<byte> salt)
    {
        CheckSalt(salt);
        _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        _hash.AppendData(salt);
    }

    /// <summary>Computes <c>SHA-256(salt ‖ plaintext)</c>.</summary>
    /// <param name="salt">Exactly 32 bytes.</param>
    /// <param name="plaintext">The record.</param>
    /// <returns>The 32-byte commitment.</returns>
    /// <exception cref="ArgumentException"><paramref name="salt"/> is not 32 bytes.</exception>
    public static byte[] Compute(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> plaintext)
    {
        using var commitment = new SaltedCommitment(salt);
        commitment.Append(plaintext);
        return commitment.GetCommitment();
    }

    /// <summary>Creates a fresh random salt.</summary>
    /// <returns>32 random bytes.</returns>
    public static byte[] GenerateSalt() => RandomNumberGenerator.GetBytes(SaltSize);

    /// <summary>Compares two commitments in constant time.</summary>
    /// <param name="left">A commitment.</param>
    /// <param name="right">Another commitment.</param>
    /// <returns>True when both are equal.</returns>
    public static bool AreEqual(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        CryptographicOperations.FixedTimeEquals(left, right);

    /// <summary>Adds the next chunk of the plaintext.</summary>
    /// <param name="chunk">Bytes that follow the previous chunks.</param>
    /// <exception cref="ObjectDisposedException">The instance was disposed.</exception>
    /// <exception cref="InvalidOperationException">The commitment was already finished.</exception>
    public void Append(ReadOnlySpan<byte> chunk)
    {
        ThrowIfFinished();
        _hash.AppendData(chunk);
    }

    /// <summary>Finishes the commitment. The instance cannot be appended to afterwards.</summary>
    /// <returns>The 32-byte commitment.</returns>
    /// <exception cref="ObjectDisposedException">The instance was disposed.</exception>
    /// <exception cref="InvalidOperationException">The commitment was already finished.</exception>
    public byte[] GetCommitment()
    {
        ThrowIfFinished();
        _finished = true;
        return _hash.GetHashAndReset();
    }

    /// <summary>Releases the hash state.</summary>
    public void Dispose() => _hash.Dispose();

    private void ThrowIfFinished()
    {
        if (_finished)
        {
            throw new InvalidOperationException("The commitment is already finished; start a new one for other data.");
        }
    }

    private static void CheckSalt(ReadOnlySpan<byte> salt)
    {
        if (salt.Length != SaltSize)
        {
            throw new ArgumentException($"The salt must be {SaltSize} bytes; got {salt.Length}.", nameof(salt));
        }
    }
}

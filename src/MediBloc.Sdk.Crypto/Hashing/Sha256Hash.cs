using System.Security.Cryptography;

namespace MediBloc.Sdk.Crypto;

/// <summary>SHA-256 (FIPS 180-4) from the platform's cryptography.</summary>
public static class Sha256Hash
{
    /// <summary>The digest length in bytes.</summary>
    public const int HashSize = 32;

    /// <summary>Hashes the input.</summary>
    /// <param name="data">The bytes to hash.</param>
    /// <returns>The 32-byte digest.</returns>
    public static byte[] Hash(ReadOnlySpan<byte> data) => SHA256.HashData(data);

    /// <summary>Hashes a stream from its current position to its end.</summary>
    /// <param name="data">A readable stream.</param>
    /// <returns>The 32-byte digest.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="IOException">Reading the stream failed.</exception>
    public static byte[] Hash(Stream data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return SHA256.HashData(data);
    }
}

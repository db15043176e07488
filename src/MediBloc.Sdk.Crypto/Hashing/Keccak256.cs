using Org.BouncyCastle.Crypto.Digests;

namespace MediBloc.Sdk.Crypto;

/// <summary>Keccak-256 as used by Ethereum (the original Keccak padding, not FIPS 202 SHA3-256).</summary>
public static class Keccak256
{
    /// <summary>The digest length in bytes.</summary>
    public const int HashSize = 32;

    /// <summary>Hashes the input.</summary>
    /// <param name="data">The bytes to hash.</param>
    /// <returns>The 32-byte digest.</returns>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data);
        var output = new byte[HashSize];
        digest.DoFinal(output);
        return output;
    }
}

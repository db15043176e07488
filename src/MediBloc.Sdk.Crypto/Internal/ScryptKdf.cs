using System.Reflection;
using Org.BouncyCastle.Crypto.Generators;

namespace MediBloc.Sdk.Crypto.Internal;

/// <summary>
/// scrypt (RFC 7914) from BouncyCastle. BouncyCastle's public <see cref="SCrypt.Generate"/> refuses r = 1 with
/// N ≥ 2^16 (RFC 7914 asks N &lt; 2^(16r)), yet Ethereum keystores use such parameters — the Web3 Secret Storage
/// specification's own test vector has N = 2^18, r = 1, p = 8. For those parameters only, the same BouncyCastle
/// computation is reached through its non-public <c>MFcrypt</c>, which <c>Generate</c> calls after its checks; tests
/// check both paths against each other and against the specification's vector. No scrypt code is written here.
/// </summary>
internal static class ScryptKdf
{
    private static readonly Func<byte[], byte[], int, int, int, int, byte[]>? Unchecked = FindUnchecked();

    internal static byte[] Derive(byte[] password, byte[] salt, int n, int r, int p, int length)
    {
        if (r != 1 || n < 1 << 16)
        {
            return SCrypt.Generate(password, salt, n, r, p, length);
        }

        var derive = Unchecked ?? throw new InvalidFormatException(
            "This keystore uses scrypt with r = 1 and N ≥ 65536, which the installed BouncyCastle cannot compute; re-encrypt it with r = 8.");
        return derive(password, salt, n, r, p, length);
    }

    /// <summary>The r = 1 path alone, for tests that compare it with the public one.</summary>
    internal static byte[] DeriveUnchecked(byte[] password, byte[] salt, int n, int r, int p, int length) =>
        Unchecked!(password, salt, n, r, p, length);

    private static Func<byte[], byte[], int, int, int, int, byte[]>? FindUnchecked()
    {
        var method = typeof(SCrypt).GetMethod(
            "MFcrypt",
            BindingFlags.NonPublic | BindingFlags.Static,
            [typeof(byte[]), typeof(byte[]), typeof(int), typeof(int), typeof(int), typeof(int)]);
        return method is not null && method.ReturnType == typeof(byte[])
            ? method.CreateDelegate<Func<byte[], byte[], int, int, int, int, byte[]>>()
            : null;
    }
}

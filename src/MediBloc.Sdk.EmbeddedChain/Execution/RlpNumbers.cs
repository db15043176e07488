using System.Numerics;

namespace MediBloc.Sdk.EmbeddedChain.Execution;

/// <summary>Reads RLP-decoded unsigned big-endian integers.</summary>
internal static class RlpNumbers
{
    public static BigInteger ToBigIntegerFromRLPDecoded(this byte[]? bytes) =>
        bytes is null || bytes.Length == 0 ? BigInteger.Zero : new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
}

namespace MediBloc.Sdk.Crypto;

/// <summary>Arithmetic in GF(2^8) with the AES polynomial x^8 + x^4 + x^3 + x + 1, without lookup tables (so without
/// secret-dependent memory access).</summary>
internal static class Gf256
{
    internal static byte Multiply(byte a, byte b)
    {
        var result = 0;
        var x = (int)a;
        for (var i = 0; i < 8; i++)
        {
            result ^= x & -((b >> i) & 1);
            x = (x << 1) ^ (0x11B & -((x >> 7) & 1));
        }

        return (byte)result;
    }

    /// <summary>a^254 = a^-1 for a ≠ 0.</summary>
    internal static byte Inverse(byte a)
    {
        var result = (byte)1;
        var power = a;
        for (var e = 254; e > 0; e >>= 1)
        {
            if ((e & 1) != 0)
            {
                result = Multiply(result, power);
            }

            power = Multiply(power, power);
        }

        return result;
    }
}

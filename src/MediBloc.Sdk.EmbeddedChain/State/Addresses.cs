using System.Globalization;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Util;

namespace MediBloc.Sdk.EmbeddedChain.State;

/// <summary>Address normalisation: every key of the world state is a lower-case, 0x-prefixed, 20-byte hex string.</summary>
internal static class Addresses
{
    public const string Zero = "0x0000000000000000000000000000000000000000";

    public static string Normalize(string address)
    {
        if (address.Length == 42 && address[0] == '0' && (address[1] == 'x' || address[1] == 'X'))
        {
            return IsLower(address) ? address : string.Concat("0x", address.AsSpan(2)).ToLowerInvariant();
        }
        return AddressUtil.Current.ConvertToValid20ByteAddress(address).ToLowerInvariant();
    }

    public static string FromBytes(byte[] address) => Normalize(address.ToHex(true));

    public static string Checksum(string address) => AddressUtil.Current.ConvertToChecksumAddress(address);

    public static bool IsValid(string? address) =>
        address is { Length: 42 } && address.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        && address.AsSpan(2).IndexOfAnyExcept("0123456789abcdefABCDEF") < 0;

    private static bool IsLower(string address)
    {
        foreach (var c in address.AsSpan(2))
        {
            if (char.IsUpper(c))
            {
                return false;
            }
        }
        return address[1] == 'x';
    }

    public static string ToHexQuantity(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}

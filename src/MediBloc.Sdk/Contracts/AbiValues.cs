using System.Text;
using MediBloc.Sdk.Crypto;
using Nethereum.Hex.HexConvertors.Extensions;
using MediBloc.Sdk.Internal;

namespace MediBloc.Sdk.Contracts;

/// <summary>Checks and conversions shared by the typed contract clients.</summary>
internal static class AbiValues
{
    /// <summary>Parses an address from text that comes from outside the SDK's types (options, a receipt), naming it in the error.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is null.</exception>
    /// <exception cref="InvalidFormatException"><paramref name="address"/> is not 0x followed by 40 hex digits (with a valid EIP-55 checksum when mixed case).</exception>
    public static EvmAddress Address(string address, string paramName)
    {
        ArgumentNullException.ThrowIfNull(address, paramName);
        return EvmAddress.TryParse(address, out var parsed)
            ? parsed
            : throw new InvalidFormatException($"'{SafeText.Truncate(address)}' ({paramName}) is not an EVM address (0x followed by 40 hex digits).");
    }

    /// <summary>An address the ABI decoder returned (an output or event field); null or the zero address as <see langword="null"/>.</summary>
    public static EvmAddress? DecodedOrNull(string? address) =>
        address is null ? null : Decoded(address) is var a && a == default ? null : a;

    /// <summary>An address the ABI decoder returned (an output or event field).</summary>
    /// <exception cref="InvalidFormatException">The node returned something other than an address.</exception>
    public static EvmAddress Decoded(string address) => Address(address, "decoded address");

    /// <summary>An address as a 32-byte log topic.</summary>
    public static string AddressTopic(EvmAddress address) => "0x" + Convert.ToHexString(address.ToBytes()).ToLowerInvariant().PadLeft(64, '0');

    /// <summary>Checks a 32-byte value.</summary>
    /// <exception cref="ArgumentException">It is not 32 bytes.</exception>
    public static byte[] Bytes32(ReadOnlySpan<byte> value, string paramName)
    {
        if (value.Length != 32)
        {
            throw new ArgumentException($"Expected 32 bytes; got {value.Length}.", paramName);
        }
        return value.ToArray();
    }

    /// <summary>Parses a 32-byte 0x-hex value.</summary>
    /// <exception cref="InvalidFormatException">It is not 32 bytes of hex.</exception>
    public static byte[] Bytes32(string hex, string paramName)
    {
        ArgumentNullException.ThrowIfNull(hex, paramName);
        byte[] bytes;
        try
        {
            bytes = hex.HexToByteArray();
        }
        catch (FormatException e)
        {
            throw new InvalidFormatException($"'{paramName}' is not hex.", e);
        }
        if (bytes.Length != 32)
        {
            throw new InvalidFormatException($"'{paramName}' must be 32 bytes as hex (64 hex digits); got {bytes.Length} bytes.");
        }
        return bytes;
    }

    /// <summary>keccak256 of a string's UTF-8 bytes.</summary>
    public static byte[] Keccak(string text) => Keccak256.Hash(Encoding.UTF8.GetBytes(text));

    /// <summary>Unix seconds to a time.</summary>
    public static DateTimeOffset Time(ulong seconds) => DateTimeOffset.FromUnixTimeSeconds((long)seconds);
}

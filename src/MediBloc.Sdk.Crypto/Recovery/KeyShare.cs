using System.Security.Cryptography;

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// One guardian's share of a private key, made by <see cref="GuardianShares.Split"/>. Any
/// <see cref="Threshold"/> distinct shares of the same split recover the key; fewer reveal nothing about it.
/// </summary>
/// <remarks>Encoding (<see cref="ToBytes"/>, 55 bytes): version 1 (1) ‖ threshold (1) ‖ index (1) ‖ address of the
/// split key (20) ‖ share value (32). The address lets <see cref="GuardianShares.Combine"/> check its result; it is
/// public anyway. The value is zeroed on <see cref="Dispose"/>; <see cref="ToString"/> never shows it.</remarks>
public sealed class KeyShare : IDisposable
{
    /// <summary>The length of the encoded share in bytes.</summary>
    public const int EncodedLength = 3 + EvmAddress.Length + ValueLength;

    internal const int ValueLength = 32;
    private const byte Version = 1;
    private readonly byte[] _value;
    private bool _disposed;

    internal KeyShare(int threshold, int index, EvmAddress address, byte[] value)
    {
        Threshold = threshold;
        Index = index;
        Address = address;
        _value = value;
    }

    /// <summary>How many shares recover the key.</summary>
    public int Threshold { get; }

    /// <summary>This share's x-coordinate, 1 to 255; distinct within one split.</summary>
    public int Index { get; }

    /// <summary>The address of the key that was split.</summary>
    public EvmAddress Address { get; }

    internal ReadOnlySpan<byte> Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _value;
        }
    }

    /// <summary>Decodes a share written by <see cref="ToBytes"/>.</summary>
    /// <param name="encoded">The 55 encoded bytes.</param>
    /// <returns>The share; dispose it when done.</returns>
    /// <exception cref="InvalidFormatException">The bytes are not an encoded version-1 share.</exception>
    public static KeyShare FromBytes(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != EncodedLength || encoded[0] != Version || encoded[1] is < 1 or > GuardianShares.MaxShares
            || encoded[2] == 0)
        {
            throw new InvalidFormatException($"A key share is {EncodedLength} bytes: version 1, a threshold and an index from 1 to 255, an address and a 32-byte value.");
        }

        return new KeyShare(encoded[1], encoded[2], new EvmAddress(encoded.Slice(3, EvmAddress.Length)), encoded[(3 + EvmAddress.Length)..].ToArray());
    }

    /// <summary>Encodes the share, for storing or sealing to a guardian. The result is secret; zero it when done.</summary>
    /// <returns>A new 55-byte array.</returns>
    /// <exception cref="ObjectDisposedException">The share was disposed.</exception>
    public byte[] ToBytes()
    {
        var output = new byte[EncodedLength];
        output[0] = Version;
        output[1] = (byte)Threshold;
        output[2] = (byte)Index;
        Address.ToBytes().CopyTo(output, 3);
        Value.CopyTo(output.AsSpan(3 + EvmAddress.Length));
        return output;
    }

    /// <summary>Zeroes the share value.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_value);
        _disposed = true;
    }

    /// <summary>Names the share without its value.</summary>
    /// <returns>For example <c>KeyShare(2 of 3, #1, 0xAb…)</c>.</returns>
    public override string ToString() => $"KeyShare({Threshold}-of-n, #{Index}, {Address})";
}

using System.Security.Cryptography;

namespace MediBloc.Sdk.Storage;

/// <summary>
/// A self-describing hash: a multicodec hash function code, the digest length and the digest
/// (<c>varint(code) ‖ varint(length) ‖ digest</c>). Supports sha2-256 (<c>0x12</c>) and identity (<c>0x00</c>).
/// Value equality over code and digest.
/// </summary>
public readonly struct Multihash : IEquatable<Multihash>
{
    /// <summary>The multicodec code of the identity "hash" (the digest is the content itself).</summary>
    public const int IdentityCode = 0x00;

    /// <summary>The multicodec code of SHA2-256.</summary>
    public const int Sha2_256Code = 0x12;

    /// <summary>The largest identity digest accepted, as Kubo limits inlined content.</summary>
    public const int MaxIdentityLength = 128;

    private readonly byte[]? _digest;

    private Multihash(int code, byte[] digest)
    {
        Code = code;
        _digest = digest;
    }

    /// <summary>The multicodec code of the hash function.</summary>
    public int Code { get; }

    /// <summary>The digest bytes.</summary>
    public ReadOnlyMemory<byte> Digest => _digest ?? [];

    /// <summary>The hash function's name (<c>sha2-256</c>, <c>identity</c>).</summary>
    public string Name => Code switch
    {
        Sha2_256Code => "sha2-256",
        IdentityCode => "identity",
        _ => $"0x{Code:x}",
    };

    /// <summary>Hashes data with SHA2-256.</summary>
    /// <param name="data">The bytes to hash.</param>
    /// <returns>The multihash.</returns>
    public static Multihash Sha2_256(ReadOnlySpan<byte> data) => new(Sha2_256Code, SHA256.HashData(data));

    /// <summary>Wraps an existing SHA2-256 digest.</summary>
    /// <param name="digest">The 32-byte digest.</param>
    /// <returns>The multihash.</returns>
    /// <exception cref="InvalidFormatException">The digest is not 32 bytes long.</exception>
    public static Multihash FromSha2_256Digest(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != 32)
        {
            throw new InvalidFormatException($"A sha2-256 digest is 32 bytes long, not {digest.Length}.");
        }

        return new(Sha2_256Code, digest.ToArray());
    }

    /// <summary>Makes an identity multihash, which carries the data itself.</summary>
    /// <param name="data">The bytes (at most <see cref="MaxIdentityLength"/>).</param>
    /// <returns>The multihash.</returns>
    /// <exception cref="InvalidFormatException">The data is longer than <see cref="MaxIdentityLength"/> bytes.</exception>
    public static Multihash Identity(ReadOnlySpan<byte> data)
    {
        if (data.Length > MaxIdentityLength)
        {
            throw new InvalidFormatException($"An identity multihash holds at most {MaxIdentityLength} bytes, not {data.Length}.");
        }

        return new(IdentityCode, data.ToArray());
    }

    /// <summary>Reads a multihash from its binary form.</summary>
    /// <param name="bytes">Exactly one multihash.</param>
    /// <returns>The multihash.</returns>
    /// <exception cref="InvalidFormatException">The bytes are truncated, have trailing bytes, an unsupported hash function or a wrong digest length.</exception>
    public static Multihash Parse(ReadOnlySpan<byte> bytes)
    {
        if (!TryRead(bytes, out var multihash, out var consumed, out var error))
        {
            throw new InvalidFormatException(error);
        }

        if (consumed != bytes.Length)
        {
            throw new InvalidFormatException($"The multihash is followed by {bytes.Length - consumed} unexpected bytes.");
        }

        return multihash;
    }

    /// <summary>Verifies that data hashes to this multihash.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>True when the data matches.</returns>
    public bool Matches(ReadOnlySpan<byte> data) => Code switch
    {
        Sha2_256Code => SHA256.HashData(data).AsSpan().SequenceEqual(Digest.Span),
        IdentityCode => data.SequenceEqual(Digest.Span),
        _ => false,
    };

    /// <summary>The binary form: <c>varint(code) ‖ varint(length) ‖ digest</c>.</summary>
    /// <returns>A new array.</returns>
    public byte[] ToBytes()
    {
        var buffer = new byte[EncodedLength];
        WriteTo(buffer);
        return buffer;
    }

    /// <inheritdoc />
    public bool Equals(Multihash other) => Code == other.Code && Digest.Span.SequenceEqual(other.Digest.Span);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Multihash other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Code);
        hash.AddBytes(Digest.Span);
        return hash.ToHashCode();
    }

    /// <summary>The function name and the digest in hexadecimal.</summary>
    /// <returns>For example <c>sha2-256:2c26…</c>.</returns>
    public override string ToString() => $"{Name}:{Convert.ToHexString(Digest.Span).ToLowerInvariant()}";

    /// <summary>Compares two multihashes.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(Multihash left, Multihash right) => left.Equals(right);

    /// <summary>Compares two multihashes.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(Multihash left, Multihash right) => !left.Equals(right);

    internal int EncodedLength => Varint.GetLength((ulong)Code) + Varint.GetLength((ulong)Digest.Length) + Digest.Length;

    internal int WriteTo(Span<byte> destination)
    {
        var n = Varint.Write(destination, (ulong)Code);
        n += Varint.Write(destination[n..], (ulong)Digest.Length);
        Digest.Span.CopyTo(destination[n..]);
        return n + Digest.Length;
    }

    internal static bool TryRead(ReadOnlySpan<byte> bytes, out Multihash multihash, out int consumed, out string error)
    {
        multihash = default;
        consumed = 0;
        if (!Varint.TryRead(bytes, out var code, out var n1))
        {
            error = "The multihash function code is truncated or not a minimal varint.";
            return false;
        }

        if (!Varint.TryRead(bytes[n1..], out var length, out var n2))
        {
            error = "The multihash digest length is truncated or not a minimal varint.";
            return false;
        }

        switch (code)
        {
            case Sha2_256Code when length != 32:
                error = $"A sha2-256 multihash has a 32-byte digest, not {length}.";
                return false;
            case Sha2_256Code:
                break;
            case IdentityCode when length > MaxIdentityLength:
                error = $"An identity multihash holds at most {MaxIdentityLength} bytes, not {length}.";
                return false;
            case IdentityCode:
                break;
            default:
                error = $"The multihash function 0x{code:x} is not supported; expected sha2-256 (0x12) or identity (0x00).";
                return false;
        }

        var start = n1 + n2;
        if (bytes.Length - start < (int)length)
        {
            error = $"The multihash digest is truncated: {bytes.Length - start} of {length} bytes.";
            return false;
        }

        multihash = new Multihash((int)code, bytes.Slice(start, (int)length).ToArray());
        consumed = start + (int)length;
        error = string.Empty;
        return true;
    }
}

using System.Diagnostics.CodeAnalysis;

namespace MediBloc.Sdk.Storage;

/// <summary>
/// A content identifier (CID): version, codec and multihash. CIDv0 is a bare sha2-256 multihash of a dag-pb
/// node written in base58btc (<c>Qm…</c>); CIDv1 is <c>varint(1) ‖ varint(codec) ‖ multihash</c>, written in
/// lower-case base32 (<c>b…</c>). Immutable, with value equality over version, codec and multihash (a CIDv0 and
/// the CIDv1 of the same node are different values; compare <see cref="ToV1"/> forms to match them).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MediBloc.Sdk.Internal.ParsableJsonConverter<ContentId>))]
public readonly struct ContentId : IEquatable<ContentId>, ISpanFormattable, IParsable<ContentId>
{
    /// <summary>Creates a CID.</summary>
    /// <param name="version">0 or 1.</param>
    /// <param name="codec">The block codec; CIDv0 must be <see cref="ContentCodec.DagPb"/>.</param>
    /// <param name="multihash">The multihash of the block; CIDv0 must be sha2-256.</param>
    /// <exception cref="InvalidFormatException">The version is not 0 or 1, or a CIDv0 has a codec other than dag-pb or a hash other than sha2-256.</exception>
    public ContentId(int version, ContentCodec codec, Multihash multihash)
    {
        if (version is not (0 or 1))
        {
            throw new InvalidFormatException($"CID version {version} is not supported; expected 0 or 1.");
        }

        if (version == 0 && (codec != ContentCodec.DagPb || multihash.Code != Multihash.Sha2_256Code))
        {
            throw new InvalidFormatException("A CIDv0 must be a dag-pb node addressed by sha2-256.");
        }

        Version = version;
        Codec = codec;
        Multihash = multihash;
    }

    /// <summary>The CID version, 0 or 1.</summary>
    public int Version { get; }

    /// <summary>The codec of the block the CID names.</summary>
    public ContentCodec Codec { get; }

    /// <summary>The multihash of the block.</summary>
    public Multihash Multihash { get; }

    /// <summary>True for <c>default(ContentId)</c>, which names nothing.</summary>
    public bool IsEmpty => Multihash.Digest.IsEmpty && Multihash.Code == 0 && Codec.Code == 0;

    /// <summary>
    /// The longest CID text <see cref="Parse"/> reads: 100 characters, well above the longest CID of a SHA-256
    /// multihash in any supported multibase (base16 CIDv1: 73 characters). Longer text is refused before decoding.
    /// </summary>
    public const int MaxTextLength = 100;

    /// <summary>Parses a CID from text: CIDv0 base58btc (<c>Qm…</c>) or a multibase CIDv1 (base32, base58btc or base16).</summary>
    /// <param name="text">The CID text.</param>
    /// <returns>The CID.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="InvalidFormatException">The text is not a valid CID; the message says what is wrong.</exception>
    public static ContentId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParseCore(text, out var cid, out var error))
        {
            throw new InvalidFormatException($"'{Shorten(text)}' is not a valid CID: {error}") { Cid = text.Length <= 128 ? text : null };
        }

        return cid;
    }

    /// <inheritdoc />
    static ContentId IParsable<ContentId>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc />
    static bool IParsable<ContentId>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out ContentId result) => TryParse(s, out result);

    /// <summary>Tries to parse a CID from text.</summary>
    /// <param name="text">The CID text; null gives false.</param>
    /// <param name="cid">The CID when parsing succeeds.</param>
    /// <returns>True when <paramref name="text"/> is a valid CID.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out ContentId cid)
    {
        if (text is null)
        {
            cid = default;
            return false;
        }

        return TryParseCore(text, out cid, out _);
    }

    /// <summary>Reads a CID from its binary form (a bare multihash for CIDv0, as in dag-pb links).</summary>
    /// <param name="bytes">Exactly one binary CID.</param>
    /// <returns>The CID.</returns>
    /// <exception cref="InvalidFormatException">The bytes are not a valid binary CID.</exception>
    public static ContentId FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (!TryReadBinary(bytes, out var cid, out var error))
        {
            throw new InvalidFormatException($"The bytes are not a valid binary CID: {error}");
        }

        return cid;
    }

    /// <summary>The binary form: the multihash for CIDv0, <c>varint(1) ‖ varint(codec) ‖ multihash</c> for CIDv1.</summary>
    /// <returns>A new array.</returns>
    public byte[] ToBytes()
    {
        var buffer = new byte[EncodedLength];
        WriteTo(buffer);
        return buffer;
    }

    /// <summary>The same block named by a CIDv1 (a CIDv1 returns itself).</summary>
    /// <returns>The CIDv1.</returns>
    public ContentId ToV1() => Version == 1 ? this : new ContentId(1, Codec, Multihash);

    /// <summary>The canonical text: base58btc for CIDv0, lower-case base32 for CIDv1.</summary>
    /// <returns>The CID text.</returns>
    public override string ToString() => IsEmpty
        ? string.Empty
        : Version == 0 ? Multibase.EncodeBase58Btc(ToBytes()) : Multibase.Encode(ToBytes(), MultibaseEncoding.Base32);

    /// <summary>The text in a chosen multibase (CIDv0 is always base58btc without a prefix).</summary>
    /// <param name="encoding">The multibase encoding for a CIDv1.</param>
    /// <returns>The CID text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="encoding"/> is not a defined value.</exception>
    public string ToString(MultibaseEncoding encoding) => IsEmpty
        ? string.Empty
        : Version == 0 ? Multibase.EncodeBase58Btc(ToBytes()) : Multibase.Encode(ToBytes(), encoding);

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        var text = ToString();
        if (text.Length > destination.Length)
        {
            charsWritten = 0;
            return false;
        }

        text.AsSpan().CopyTo(destination);
        charsWritten = text.Length;
        return true;
    }

    /// <inheritdoc />
    public bool Equals(ContentId other) => Version == other.Version && Codec == other.Codec && Multihash == other.Multihash;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ContentId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Version, Codec, Multihash);

    /// <summary>Compares two CIDs.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(ContentId left, ContentId right) => left.Equals(right);

    /// <summary>Compares two CIDs.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(ContentId left, ContentId right) => !left.Equals(right);

    internal int EncodedLength => Version == 0
        ? Multihash.EncodedLength
        : Varint.GetLength(1) + Varint.GetLength((ulong)Codec.Code) + Multihash.EncodedLength;

    internal int WriteTo(Span<byte> destination)
    {
        if (Version == 0)
        {
            return Multihash.WriteTo(destination);
        }

        var n = Varint.Write(destination, 1);
        n += Varint.Write(destination[n..], (ulong)Codec.Code);
        return n + Multihash.WriteTo(destination[n..]);
    }

    private static bool TryParseCore(string text, out ContentId cid, out string error)
    {
        cid = default;
        if (text.Length == 0)
        {
            error = "the text is empty.";
            return false;
        }

        if (text.Length > MaxTextLength)
        {
            // Checked before any decoding: base58 decoding is quadratic in the length, and CID text arrives from
            // strangers (events, manifests), so a megabyte-long "z…" must cost nothing.
            error = $"it is {text.Length} characters long; a CID this SDK reads is at most {MaxTextLength}.";
            return false;
        }

        if (text.Length == 46 && text.StartsWith("Qm", StringComparison.Ordinal))
        {
            if (!Multibase.TryDecodeBase58Btc(text, out var mh, out error))
            {
                error = $"a CIDv0 is base58btc, but {char.ToLowerInvariant(error[0])}{error[1..]}";
                return false;
            }

            return TryReadBinary(mh, out cid, out error);
        }

        if (!Multibase.TryDecode(text, out var bytes, out error))
        {
            error = char.ToLowerInvariant(error[0]) + error[1..];
            return false;
        }

        if (bytes.Length > 0 && bytes[0] == 0x12)
        {
            error = "a multibase-prefixed text holds a bare multihash; a CIDv1 starts with version 1.";
            return false;
        }

        return TryReadBinary(bytes, out cid, out error);
    }

    private static bool TryReadBinary(ReadOnlySpan<byte> bytes, out ContentId cid, out string error)
    {
        cid = default;
        if (bytes.Length == 34 && bytes[0] == 0x12 && bytes[1] == 0x20)
        {
            cid = new ContentId(0, ContentCodec.DagPb, Multihash.FromSha2_256Digest(bytes[2..]));
            error = string.Empty;
            return true;
        }

        if (!Varint.TryRead(bytes, out var version, out var n1))
        {
            error = "the version is truncated or not a minimal varint.";
            return false;
        }

        if (version != 1)
        {
            error = version == 0x12
                ? "a CIDv0 is a 34-byte sha2-256 multihash; this one has the wrong length."
                : $"version {version} is not supported; expected 0 or 1.";
            return false;
        }

        if (!Varint.TryRead(bytes[n1..], out var codec, out var n2) || codec > int.MaxValue)
        {
            error = "the codec is truncated or not a minimal varint.";
            return false;
        }

        if (!Multihash.TryRead(bytes[(n1 + n2)..], out var multihash, out var consumed, out error))
        {
            error = char.ToLowerInvariant(error[0]) + error[1..];
            return false;
        }

        if (n1 + n2 + consumed != bytes.Length)
        {
            error = $"{bytes.Length - (n1 + n2 + consumed)} unexpected bytes follow the multihash.";
            return false;
        }

        if (codec == 0 && multihash.Code == 0 && multihash.Digest.IsEmpty)
        {
            // Codec 0 over an empty identity multihash names nothing, and is the value of an unset ContentId.
            error = "the CID is empty (codec 0 over an empty identity multihash).";
            return false;
        }

        cid = new ContentId(1, new ContentCodec((int)codec), multihash);
        error = string.Empty;
        return true;
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..61] + "...";
}

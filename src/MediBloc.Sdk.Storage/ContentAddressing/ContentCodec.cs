namespace MediBloc.Sdk.Storage;

/// <summary>
/// The multicodec that says how a CID's block is encoded: <see cref="DagPb"/> (UnixFS nodes) or <see cref="Raw"/>
/// (plain bytes). An extensible value: other codes parse and compare, but this library builds only these two.
/// </summary>
public readonly struct ContentCodec : IEquatable<ContentCodec>
{
    /// <summary>Creates a codec from its multicodec code.</summary>
    /// <param name="code">The multicodec code, e.g. <c>0x70</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="code"/> is negative.</exception>
    public ContentCodec(int code)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(code);
        Code = code;
    }

    /// <summary>dag-pb (<c>0x70</c>): protobuf Merkle DAG nodes, as UnixFS uses.</summary>
    public static ContentCodec DagPb { get; } = new(0x70);

    /// <summary>raw (<c>0x55</c>): the block is the bytes themselves.</summary>
    public static ContentCodec Raw { get; } = new(0x55);

    /// <summary>dag-cbor (<c>0x71</c>); recognised when parsing, not produced.</summary>
    public static ContentCodec DagCbor { get; } = new(0x71);

    /// <summary>The multicodec code.</summary>
    public int Code { get; }

    /// <summary>The multicodec name (<c>dag-pb</c>, <c>raw</c>, <c>dag-cbor</c>) or the code in hexadecimal.</summary>
    public string Name => Code switch
    {
        0x70 => "dag-pb",
        0x55 => "raw",
        0x71 => "dag-cbor",
        _ => $"0x{Code:x}",
    };

    /// <inheritdoc />
    public bool Equals(ContentCodec other) => Code == other.Code;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ContentCodec other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Code;

    /// <summary>The multicodec name.</summary>
    /// <returns>For example <c>dag-pb</c>.</returns>
    public override string ToString() => Name;

    /// <summary>Compares two codecs.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(ContentCodec left, ContentCodec right) => left.Equals(right);

    /// <summary>Compares two codecs.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(ContentCodec left, ContentCodec right) => !left.Equals(right);
}

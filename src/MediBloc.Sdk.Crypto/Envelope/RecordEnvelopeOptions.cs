namespace MediBloc.Sdk.Crypto;

/// <summary>Options for sealing a record envelope (segment size) and for opening one (limits for untrusted sources).</summary>
public sealed class RecordEnvelopeOptions
{
    /// <summary>The smallest segment size accepted, in bytes (1 KiB).</summary>
    public const int MinSegmentSize = 1024;

    /// <summary>The largest segment size accepted, in bytes (16 MiB): a reader never buffers more than one segment.</summary>
    public const int MaxSegmentSize = 16 * 1024 * 1024;

    /// <summary>The default segment size, in bytes (256 KiB).</summary>
    public const int DefaultSegmentSize = 256 * 1024;

    /// <summary>How many recipient entries <see cref="ForUntrusted"/> tries (16).</summary>
    public const int UntrustedMaxRecipientsTried = 16;

    /// <summary>The largest envelope <see cref="ForUntrusted"/> opens, in bytes (16 MiB).</summary>
    public const long UntrustedMaxEnvelopeBytes = 16L * 1024 * 1024;

    private int _segmentSize = DefaultSegmentSize;
    private int _maxRecipientsTried = RecordEnvelope.MaxRecipients;
    private long _maxEnvelopeBytes = long.MaxValue;

    /// <summary>The plaintext bytes per payload segment; the memory a reader or writer needs is about twice this.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside <see cref="MinSegmentSize"/>..<see cref="MaxSegmentSize"/>.</exception>
    public int SegmentSize
    {
        get => _segmentSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, MinSegmentSize);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxSegmentSize);
            _segmentSize = value;
        }
    }

    /// <summary>
    /// Opening: how many recipient entries are tried, in order, before the key is declared not a recipient (default
    /// <see cref="RecordEnvelope.MaxRecipients"/>, every entry). Each entry tried costs one key agreement before anything
    /// in the envelope is authenticated, so an envelope from a stranger should be held to a few.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1..<see cref="RecordEnvelope.MaxRecipients"/>.</exception>
    public int MaxRecipientsTried
    {
        get => _maxRecipientsTried;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, RecordEnvelope.MaxRecipients);
            _maxRecipientsTried = value;
        }
    }

    /// <summary>
    /// Opening: the largest envelope opened, in bytes (default unlimited). A larger one is refused before any key
    /// agreement (in memory) or once read past the limit (streamed).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public long MaxEnvelopeBytes
    {
        get => _maxEnvelopeBytes;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxEnvelopeBytes = value;
        }
    }

    /// <summary>
    /// Options for opening an envelope that came from someone not yet trusted (a manifest a stranger anchored, a record
    /// fetched by a CID someone handed over): at most <see cref="UntrustedMaxRecipientsTried"/> recipient entries tried
    /// and <see cref="UntrustedMaxEnvelopeBytes"/> opened. A new instance each call; change it as needed.
    /// </summary>
    /// <returns>The options.</returns>
    public static RecordEnvelopeOptions ForUntrusted() => new()
    {
        MaxRecipientsTried = UntrustedMaxRecipientsTried,
        MaxEnvelopeBytes = UntrustedMaxEnvelopeBytes,
    };
}

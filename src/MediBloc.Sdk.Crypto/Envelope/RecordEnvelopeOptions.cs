namespace MediBloc.Sdk.Crypto;

/// <summary>Options for sealing a record envelope.</summary>
public sealed class RecordEnvelopeOptions
{
    /// <summary>The smallest segment size accepted, in bytes (1 KiB).</summary>
    public const int MinSegmentSize = 1024;

    /// <summary>The largest segment size accepted, in bytes (16 MiB): a reader never buffers more than one segment.</summary>
    public const int MaxSegmentSize = 16 * 1024 * 1024;

    /// <summary>The default segment size, in bytes (256 KiB).</summary>
    public const int DefaultSegmentSize = 256 * 1024;

    private int _segmentSize = DefaultSegmentSize;

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
}

namespace MediBloc.Sdk.Storage;

/// <summary>
/// A read-only pass-through that feeds every byte read into a <see cref="UnixFsBuilder"/>. With an expected CID it
/// verifies: the read that reaches the end throws <see cref="IntegrityException"/> when the CID differs.
/// </summary>
internal sealed class UnixFsHashingStream(Stream inner, UnixFsOptions format, ContentId? expected, bool leaveOpen = false) : Stream
{
    private readonly UnixFsBuilder _builder = new(format);
    private bool _ended;

    /// <summary>The CID of what was read, once the end was reached.</summary>
    public ContentId? Result { get; private set; }

    /// <summary>The number of bytes read so far.</summary>
    public long BytesRead => _builder.Length;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position { get => _builder.Length; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var read = _ended ? 0 : inner.Read(buffer);
        return Observe(buffer[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var read = _ended ? 0 : await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Observe(buffer.Span[..read]);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Observe(ReadOnlySpan<byte> data)
    {
        if (!data.IsEmpty)
        {
            _builder.Append(data);
            return data.Length;
        }

        if (!_ended)
        {
            _ended = true;
            Result = _builder.Complete();
        }

        if (expected is { } cid && Result != cid)
        {
            throw new IntegrityException($"The bytes read for {cid} do not match that CID; the stored object is corrupt or was replaced.", IntegrityCheck.Cid)
            {
                Cid = cid.ToString(),
            };
        }

        return 0;
    }
}

namespace MediBloc.Sdk.Storage.Tests.Local;

/// <summary>A source that gives some bytes, then fails (or waits until cancelled), like a writer's input dying mid-way.</summary>
internal sealed class FailingStream(byte[] data, int failAfter, bool waitForCancellation = false) : Stream
{
    private int _position;

    /// <summary>Completes once the stream has handed out <c>failAfter</c> bytes.</summary>
    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= failAfter)
        {
            Reached.TrySetResult();
            if (waitForCancellation)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            throw new IOException("The source failed.");
        }

        var n = Math.Min(buffer.Length, failAfter - _position);
        data.AsMemory(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

namespace MediBloc.Sdk.Crypto;

/// <summary>
/// Computes a record's <see cref="SaltedCommitment"/> on a second core while the caller encrypts or decrypts the
/// same bytes, so that a seal or open costs the wall time of the slower of AES-GCM and SHA-256 rather than their sum.
/// </summary>
/// <remarks>
/// <para>The caller owns a pinned buffer used as a ring of <c>capacity</c> bytes: it writes plaintext at increasing
/// positions (position mod capacity), calls <see cref="Publish"/> once the bytes are final, and calls
/// <see cref="WaitWritable"/> before overwriting a region that may not be hashed yet. When the whole plaintext is in
/// the buffer, capacity is its length and the ring never wraps.</para>
/// <para>The hash runs on a thread-pool work item. If that item has not started by the time the caller needs the
/// hash to progress (a busy pool), the caller takes the hashing over and finishes it inline, so the result never
/// waits for the pool. <see cref="Dispose"/> waits until the work item no longer reads the buffer; call it before
/// the buffer is unpinned, zeroed or reused.</para>
/// </remarks>
internal sealed unsafe class ConcurrentCommitment : IDisposable
{
    /// <summary>Payloads at least this long are hashed concurrently when the machine has a second core.</summary>
    internal const long ConcurrentThreshold = 256 * 1024;

    private const int NotStarted = 0;
    private const int OnWorker = 1;
    private const int Inline = 2;

    /// <summary>The most bytes hashed between two progress reports (lets a waiting writer resume early).</summary>
    private const int MaxChunk = 1 << 20;

    private readonly SaltedCommitment _commitment;
    private readonly object _gate = new();
    private readonly byte* _buffer;
    private readonly long _capacity;
    private long _published;
    private long _hashed;
    private int _mode;
    private bool _workerRunning;
    private bool _completed;
    private bool _aborted;
    private bool _disposed;
    private Exception? _failure;

    /// <summary>Starts a commitment over a pinned ring buffer.</summary>
    /// <param name="salt">The 32-byte commitment salt.</param>
    /// <param name="buffer">The start of the pinned buffer; it must stay pinned until <see cref="Dispose"/> returns.</param>
    /// <param name="capacity">The buffer length in bytes.</param>
    /// <param name="concurrent">False to hash inline on the caller's thread (one core, or a small payload).</param>
    internal ConcurrentCommitment(ReadOnlySpan<byte> salt, byte* buffer, long capacity, bool concurrent)
    {
        _commitment = new SaltedCommitment(salt);
        _buffer = buffer;
        _capacity = capacity;
        if (concurrent)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static self => self.Run(), this, preferLocal: false);
        }
        else
        {
            _mode = Inline;
        }
    }

    /// <summary>Whether a payload of <paramref name="length"/> bytes is worth a second core on this machine.</summary>
    internal static bool Worthwhile(long length) => Environment.ProcessorCount > 1 && length >= ConcurrentThreshold;

    /// <summary>Declares the next <paramref name="count"/> bytes of the ring final: they may be hashed now.</summary>
    internal void Publish(int count)
    {
        if (Volatile.Read(ref _mode) == Inline)
        {
            _published += count;
            HashInline();
            return;
        }

        lock (_gate)
        {
            _published += count;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Blocks until the caller may overwrite <paramref name="count"/> bytes at ring position <paramref name="position"/>.</summary>
    internal void WaitWritable(long position, int count)
    {
        var needed = position + count - _capacity;
        if (needed <= 0 || Interlocked.Read(ref _hashed) >= needed)
        {
            return;
        }

        if (TakeOverIfNotStarted())
        {
            return;
        }

        lock (_gate)
        {
            while (_hashed < needed && _failure is null)
            {
                Monitor.Wait(_gate);
            }
        }

        ThrowIfFailed();
    }

    /// <summary>Waits until every published byte is hashed and returns the 32-byte commitment.</summary>
    internal byte[] Finish()
    {
        if (!TakeOverIfNotStarted())
        {
            lock (_gate)
            {
                _completed = true;
                Monitor.PulseAll(_gate);
                while (_workerRunning)
                {
                    Monitor.Wait(_gate);
                }
            }

            ThrowIfFailed();
        }

        return _commitment.GetCommitment();
    }

    /// <summary>Stops the work item, waits until it no longer reads the buffer, and releases the hash.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        lock (_gate)
        {
            _aborted = true;
            Monitor.PulseAll(_gate);
            while (_workerRunning)
            {
                Monitor.Wait(_gate);
            }
        }

        // A work item that had not started yet finds the mode no longer NotStarted and leaves without reading.
        Interlocked.CompareExchange(ref _mode, Inline, NotStarted);
        _commitment.Dispose();
        _disposed = true;
    }

    /// <summary>Moves the hashing to the caller when the work item has not started; true when the caller now hashes (and has caught up).</summary>
    private bool TakeOverIfNotStarted()
    {
        var mode = Volatile.Read(ref _mode);
        if (mode == NotStarted)
        {
            mode = Interlocked.CompareExchange(ref _mode, Inline, NotStarted);
            mode = mode == NotStarted ? Inline : mode;
        }

        if (mode != Inline)
        {
            return false;
        }

        HashInline();
        return true;
    }

    private void HashInline()
    {
        while (_hashed < _published)
        {
            var length = NextChunk(_hashed, _published - _hashed);
            _commitment.Append(new ReadOnlySpan<byte>(_buffer + (_hashed % _capacity), length));
            Volatile.Write(ref _hashed, _hashed + length);
        }
    }

    private int NextChunk(long hashed, long available)
    {
        var untilWrap = _capacity - (hashed % _capacity);
        return (int)Math.Min(Math.Min(available, untilWrap), MaxChunk);
    }

    private void Run()
    {
        lock (_gate)
        {
            if (_aborted || Interlocked.CompareExchange(ref _mode, OnWorker, NotStarted) != NotStarted)
            {
                return;
            }

            _workerRunning = true;
        }

        try
        {
            while (true)
            {
                long start;
                long available;
                lock (_gate)
                {
                    while (!_aborted && _hashed == _published && !_completed)
                    {
                        Monitor.Wait(_gate);
                    }

                    if (_aborted || _hashed == _published)
                    {
                        return;
                    }

                    start = _hashed;
                    available = _published - _hashed;
                }

                var length = NextChunk(start, available);
                _commitment.Append(new ReadOnlySpan<byte>(_buffer + (start % _capacity), length));
                lock (_gate)
                {
                    _hashed = start + length;
                    Monitor.PulseAll(_gate);
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            lock (_gate)
            {
                _failure = ex;
            }
        }
        finally
        {
            lock (_gate)
            {
                _workerRunning = false;
                Monitor.PulseAll(_gate);
            }
        }
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
        {
            throw new InvalidOperationException("Computing the record commitment failed.", _failure);
        }
    }
}

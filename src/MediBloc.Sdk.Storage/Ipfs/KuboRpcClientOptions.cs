namespace MediBloc.Sdk.Storage.Ipfs;

/// <summary>Options of a <see cref="KuboRpcClient"/>: bounded timeouts and the retry policy for idempotent calls.</summary>
public sealed class KuboRpcClientOptions
{
    /// <summary>The node's RPC endpoint, e.g. <c>http://127.0.0.1:5001</c> (used by dependency injection; the constructors take it as a parameter).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>How long a small call (pin, stat, version, id, block) may take in all (default 30 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an upload (<c>add</c>) or the wait for the first byte of a download (<c>cat</c>) may take (default 10 min).</summary>
    public TimeSpan TransferTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long to wait for a TCP connection to the node (default 5 s).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the node may search for a block it does not hold before saying it is missing (default 5 s; sent as the RPC <c>timeout</c>).</summary>
    public TimeSpan LookupTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of idempotent calls after a transient failure (default 3; 0 disables). Uploads are never retried.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry delay, doubled each attempt with jitter (default 200 ms).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The most bytes a command's answer may hold (default 1 MiB). JSON answers (add, pin, stat, version, id) are small;
    /// a node that sends more, by accident or on purpose, gets a <see cref="StorageException"/> instead of filling the
    /// client's memory. Listing every pin may read up to 64 MiB (or this, if larger), <c>block/get</c> up to 2 MiB, an
    /// error answer 16 KiB; a download (<c>cat</c>) is a stream the caller bounds.
    /// </summary>
    public long MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A timeout is not positive, a retry setting is negative, or <see cref="MaxResponseBytes"/> is below 1 KiB.</exception>
    public void Validate()
    {
        Positive(RequestTimeout, nameof(RequestTimeout));
        Positive(TransferTimeout, nameof(TransferTimeout));
        Positive(ConnectTimeout, nameof(ConnectTimeout));
        Positive(LookupTimeout, nameof(LookupTimeout));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries, nameof(MaxRetries));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxResponseBytes, 1024, nameof(MaxResponseBytes));
        if (RetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryDelay), RetryDelay, "The retry delay cannot be negative.");
        }
    }

    internal KuboRpcClientOptions Clone() => (KuboRpcClientOptions)MemberwiseClone();

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, "A timeout must be positive (or infinite).");
        }
    }
}

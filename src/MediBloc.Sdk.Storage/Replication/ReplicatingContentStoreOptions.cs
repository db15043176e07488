using Microsoft.Extensions.Logging;

namespace MediBloc.Sdk.Storage.Replication;

/// <summary>Options of a <see cref="ReplicatingContentStore"/>.</summary>
public sealed class ReplicatingContentStoreOptions
{
    /// <summary>When new objects are copied to the backup; default <see cref="ReplicationMode.Background"/>.</summary>
    public ReplicationMode Mode { get; set; } = ReplicationMode.Background;

    /// <summary>
    /// Whether a read first checks the primary's copy whole (one extra local read), so that a corrupt copy is
    /// repaired from the backup before the caller sees a byte; default true. When false, a corrupt primary copy is
    /// only detected as the caller reads it (<see cref="IntegrityException"/>), and repaired by
    /// <see cref="ReplicatingContentStore.VerifyAllAsync(bool, CancellationToken)"/>.
    /// </summary>
    public bool VerifyBeforeRead { get; set; } = true;

    /// <summary>Whether a read that falls back to the backup also rewrites the primary's copy; default true.</summary>
    public bool RepairOnRead { get; set; } = true;

    /// <summary>The first wait before background replication retries an unavailable backup; default 1 s, doubling up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between background retries; default 5 minutes.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A folder where the objects still to be copied to the backup are journaled, so that a crash or restart does not
    /// forget them (see <see cref="ReplicatingContentStore"/>); default null, which keeps them in memory only (a later
    /// <see cref="ReplicatingContentStore.SyncAsync"/> still finds them by listing the whole primary). The folder is
    /// created owner-only (0700 on Unix) and refused when other users can write it or own it; keep it on the same
    /// device as the primary, for example beside the local store's folder.
    /// </summary>
    public string? JournalDirectory { get; set; }

    /// <summary>Receives background replication failures and repairs; null for none.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>A copy of these options.</summary>
    /// <returns>A new instance with the same values.</returns>
    public ReplicatingContentStoreOptions Clone() => (ReplicatingContentStoreOptions)MemberwiseClone();

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range: an undefined mode, a delay not positive, or a maximum below the first delay.</exception>
    /// <exception cref="ArgumentException"><see cref="JournalDirectory"/> is empty or white space.</exception>
    public void Validate()
    {
        if (JournalDirectory is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(JournalDirectory);
        }

        if (!Enum.IsDefined(Mode))
        {
            throw new ArgumentOutOfRangeException(nameof(Mode), Mode, "Unknown replication mode.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, RetryDelay);
    }
}

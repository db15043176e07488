namespace MediBloc.Sdk.Storage.Replication;

/// <summary>When a <see cref="ReplicatingContentStore"/> copies new objects to its backup.</summary>
public enum ReplicationMode
{
    /// <summary>In the background, soon after each put, retrying with backoff while the backup is unavailable (default).</summary>
    Background = 0,

    /// <summary>Only when <see cref="ReplicatingContentStore.SyncAsync"/> is called.</summary>
    Manual = 1,
}

namespace MediBloc.Sdk.Storage.Replication;

/// <summary>The result of <see cref="ReplicatingContentStore.SyncAsync"/>.</summary>
/// <param name="Uploaded">The objects copied to the backup.</param>
/// <param name="AlreadyReplicatedCount">The number of objects the backup already held.</param>
/// <param name="CorruptInPrimary">Objects not copied because the primary's bytes do not match their CID (see <see cref="ReplicatingContentStore.VerifyAllAsync(bool, CancellationToken)"/>).</param>
public sealed record SyncResult(IReadOnlyList<ContentId> Uploaded, int AlreadyReplicatedCount, IReadOnlyList<ContentId> CorruptInPrimary);

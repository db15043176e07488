namespace MediBloc.Sdk.Storage.Replication;

/// <summary>The result of <see cref="ReplicatingContentStore.RestoreAsync"/>.</summary>
/// <param name="Restored">The objects copied from the backup into the primary.</param>
/// <param name="AlreadyPresent">The objects the primary already held intact.</param>
/// <param name="Unrecoverable">The objects the backup does not hold intact either.</param>
public sealed record RestoreResult(IReadOnlyList<ContentId> Restored, IReadOnlyList<ContentId> AlreadyPresent, IReadOnlyList<ContentId> Unrecoverable);

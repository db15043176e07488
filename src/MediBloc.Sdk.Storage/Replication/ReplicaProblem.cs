namespace MediBloc.Sdk.Storage.Replication;

/// <summary>A copy found missing or corrupt by <see cref="ReplicatingContentStore.VerifyAllAsync(bool, CancellationToken)"/>.</summary>
/// <param name="Cid">The object's CID.</param>
/// <param name="Store">The store whose copy is missing or corrupt.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Repaired">Whether the copy was rewritten from the other store and then checked intact.</param>
public sealed record ReplicaProblem(ContentId Cid, ReplicaRole Store, ReplicaProblemKind Kind, bool Repaired);

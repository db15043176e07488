namespace MediBloc.Sdk.Storage.Replication;

/// <summary>The result of <see cref="ReplicatingContentStore.VerifyAllAsync(bool, CancellationToken)"/>: every copy that is missing or corrupt, per store.</summary>
/// <param name="CheckedCount">The number of objects checked in both stores.</param>
/// <param name="Problems">The missing or corrupt copies, in the order found.</param>
public sealed record VerificationReport(int CheckedCount, IReadOnlyList<ReplicaProblem> Problems)
{
    /// <summary>True when every copy is intact, or was repaired.</summary>
    public bool IsHealthy => Problems.All(p => p.Repaired);

    /// <summary>The objects neither store holds intact: lost unless another copy exists elsewhere.</summary>
    public IReadOnlyList<ContentId> Lost => Problems
        .GroupBy(p => p.Cid)
        .Where(g => g.Count() == 2)
        .Select(g => g.Key)
        .ToList();

    /// <summary>The problems of one store.</summary>
    /// <param name="store">The store.</param>
    /// <returns>Its missing or corrupt copies.</returns>
    public IReadOnlyList<ReplicaProblem> ProblemsIn(ReplicaRole store) => Problems.Where(p => p.Store == store).ToList();
}

using MediBloc.Sdk.Crypto;
namespace MediBloc.Sdk.Outbox;

/// <summary>
/// Records sealed together by <see cref="Roles.Patient.PatientClient.PublishManyAsync"/> and waiting in the outbox until they
/// are stored and anchored as one Merkle root. A batch is saved, finished and removed as a whole: its root depends on
/// every member, in order, so finishing it after a crash rebuilds the same root and anchors it once.
/// </summary>
/// <param name="Owner">The owner's address; only the owner's key can anchor the batch.</param>
/// <param name="BatchId">The batch's identity in the outbox: SHA-256 over the members' commitments in order, 64 hex digits.</param>
/// <param name="ChainId">The chain the batch is to be anchored on.</param>
/// <param name="RegistryAddress">The record registry contract it is to be anchored in.</param>
/// <param name="Records">The members in batch order (each with its commitment, content type and envelope size).</param>
/// <param name="CreatedAt">When the batch was sealed.</param>
public sealed record PendingBatch(
    EvmAddress Owner,
    string BatchId,
    long ChainId,
    EvmAddress RegistryAddress,
    IReadOnlyList<PendingRecord> Records,
    DateTimeOffset CreatedAt)
{
    /// <summary>The batch id for members with these commitments, in this order.</summary>
    /// <param name="commitments">The members' commitments.</param>
    /// <returns>64 lowercase hex digits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="commitments"/> is null.</exception>
    public static string ComputeBatchId(IEnumerable<Commitment> commitments)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var c in commitments)
        {
            hash.AppendData(c.AsSpan());
        }
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }
}

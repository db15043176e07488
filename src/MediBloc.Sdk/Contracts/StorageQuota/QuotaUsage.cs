namespace MediBloc.Sdk.Contracts.StorageQuota;

/// <summary>What an account stores against its on-chain storage quota.</summary>
/// <param name="UsedBytes">
/// The bytes of every envelope anchored in the account's name (its own records, records providers wrote into it, its
/// batches' records and manifests) that the content store holds.
/// </param>
/// <param name="QuotaBytes">The account's quota: the free quota plus what it bought.</param>
public sealed record QuotaUsage(long UsedBytes, long QuotaBytes)
{
    /// <summary>What is left before publishing is refused (zero when over).</summary>
    public long AvailableBytes => Math.Max(0, QuotaBytes - UsedBytes);
}

namespace MediBloc.Sdk.Storage.Local;

/// <summary>How much of a store an owner uses.</summary>
/// <param name="UsedBytes">The bytes of the objects the owner stored (each object counted once per owner).</param>
/// <param name="QuotaBytes">The owner's quota in bytes.</param>
/// <param name="ObjectCount">The number of objects charged to the owner.</param>
public sealed record StorageUsage(long UsedBytes, long QuotaBytes, int ObjectCount)
{
    /// <summary>The bytes the owner may still store (zero when over quota).</summary>
    public long AvailableBytes => Math.Max(0, QuotaBytes - UsedBytes);
}

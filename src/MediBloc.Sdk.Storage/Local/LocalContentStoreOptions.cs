namespace MediBloc.Sdk.Storage.Local;

/// <summary>Options of a <see cref="LocalContentStore"/>.</summary>
public sealed class LocalContentStoreOptions
{
    /// <summary>The free quota every owner has: 1 GB (10⁹ bytes).</summary>
    public const long FreeQuotaBytes = 1_000_000_000;

    /// <summary>The owner charged by <see cref="LocalContentStore.PutAsync"/> on a store not made by <see cref="LocalContentStore.ForOwner"/>.</summary>
    public const string DeviceOwner = "device";

    /// <summary>The DAG format that names stored objects; default CIDv1 with raw leaves, like the other stores.</summary>
    public UnixFsOptions Format { get; set; } = UnixFsOptions.CidV1RawLeaves;

    /// <summary>The quota of an owner without one of its own (see <see cref="LocalContentStore.SetQuotaAsync"/>); default 1 GB.</summary>
    public long DefaultQuotaBytes { get; set; } = FreeQuotaBytes;

    /// <summary>The owner charged when none is named; default <c>"device"</c>.</summary>
    public string DefaultOwner { get; set; } = DeviceOwner;

    /// <summary>
    /// Whether each object is flushed to the disk (fsync) before it becomes visible, and its folder after the rename
    /// that makes it visible; default true. Turn it off only for throw-away stores (tests, caches): without it a power
    /// cut may leave an empty or partial object, or lose one that was reported stored.
    /// </summary>
    public bool FlushToDisk { get; set; } = true;

    /// <summary>
    /// Temporary files of writers older than this are deleted when a store opens the folder (writers killed
    /// mid-write leave them); default one hour. A live writer touches its file far more often.
    /// </summary>
    public TimeSpan StaleTemporaryFileAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A copy of these options.</summary>
    /// <returns>A new instance with the same values.</returns>
    public LocalContentStoreOptions Clone() => new()
    {
        Format = Format.Clone(),
        DefaultQuotaBytes = DefaultQuotaBytes,
        DefaultOwner = DefaultOwner,
        FlushToDisk = FlushToDisk,
        StaleTemporaryFileAge = StaleTemporaryFileAge,
    };

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentNullException"><see cref="Format"/> or <see cref="DefaultOwner"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range (negative quota or age, format options).</exception>
    /// <exception cref="ArgumentException"><see cref="DefaultOwner"/> is empty.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Format);
        Format.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(DefaultQuotaBytes);
        ArgumentException.ThrowIfNullOrWhiteSpace(DefaultOwner);
        ArgumentOutOfRangeException.ThrowIfLessThan(StaleTemporaryFileAge, TimeSpan.Zero);
    }
}

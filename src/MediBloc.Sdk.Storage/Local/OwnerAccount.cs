namespace MediBloc.Sdk.Storage.Local;

/// <summary>One owner's charges in a <see cref="LocalStoreFolder"/>, loaded from its folder once and kept in step.</summary>
internal sealed class OwnerAccount(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>Guards loading and every change of the charges.</summary>
    public SemaphoreSlim Lock { get; } = new(1, 1);

    public bool Loaded { get; set; }

    public long Used { get; set; }

    public int Count { get; set; }

    /// <summary>The owner's own quota, or null for the store's default.</summary>
    public long? Quota { get; set; }

    public string ChargePath(string objectName) => Path.Combine(Directory, objectName);
}

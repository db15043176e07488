namespace MediBloc.Sdk.Storage.Replication;

/// <summary>Which store of a <see cref="ReplicatingContentStore"/>.</summary>
public enum ReplicaRole
{
    /// <summary>The primary store (the device).</summary>
    Primary = 0,

    /// <summary>The backup store (IPFS).</summary>
    Backup = 1,
}

namespace MediBloc.Sdk.Storage.Replication;

/// <summary>What is wrong with one store's copy of an object.</summary>
public enum ReplicaProblemKind
{
    /// <summary>The store does not hold the object.</summary>
    Missing = 0,

    /// <summary>The store's bytes do not match the CID.</summary>
    Corrupt = 1,
}

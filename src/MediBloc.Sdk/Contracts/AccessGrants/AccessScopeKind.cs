namespace MediBloc.Sdk.Contracts.AccessGrants;

/// <summary>What an access grant covers.</summary>
public enum AccessScopeKind
{
    /// <summary>One record, named by its commitment.</summary>
    Record = 0,

    /// <summary>Every record of one content type or category (the registry's content-type id).</summary>
    ContentType = 1,

    /// <summary>Every record of the owner.</summary>
    All = 2,
}

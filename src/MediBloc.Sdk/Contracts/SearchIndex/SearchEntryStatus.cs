namespace MediBloc.Sdk.Contracts.SearchIndex;

/// <summary>The state of a search-index entry.</summary>
public enum SearchEntryStatus
{
    /// <summary>No entry has this handle.</summary>
    None = 0,

    /// <summary>Listed: researchers find it.</summary>
    Listed = 1,

    /// <summary>Hidden by its owner (a restricted category); the owner can list it again.</summary>
    Hidden = 2,

    /// <summary>Removed by its owner (opt-out); final.</summary>
    Removed = 3,
}

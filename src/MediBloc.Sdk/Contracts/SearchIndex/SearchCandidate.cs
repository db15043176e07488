namespace MediBloc.Sdk.Contracts.SearchIndex;

/// <summary>A listed search-index entry that matched a query: an opaque handle and its de-identified metadata, nothing about its owner.</summary>
/// <param name="Handle">The entry's opaque handle (0x-hex, 32 bytes); name it in a request's criteria to target it.</param>
/// <param name="Metadata">The metadata its owner listed.</param>
/// <param name="BlockNumber">The block the entry was published in.</param>
public sealed record SearchCandidate(string Handle, SearchMetadata Metadata, long BlockNumber);

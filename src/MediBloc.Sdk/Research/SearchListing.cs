using MediBloc.Sdk.Crypto;
using MediBloc.Sdk.Contracts;
using MediBloc.Sdk.Contracts.SearchIndex;

namespace MediBloc.Sdk.Research;

/// <summary>One of a patient's records in the search index, as the patient sees it.</summary>
/// <param name="Commitment">The record (0x-hex commitment): known to the patient only, never published with the entry.</param>
/// <param name="Handle">The entry's opaque handle.</param>
/// <param name="Metadata">The metadata listed.</param>
/// <param name="Status">Listed, hidden or removed.</param>
public sealed record SearchListing(Commitment Commitment, string Handle, SearchMetadata Metadata, SearchEntryStatus Status);

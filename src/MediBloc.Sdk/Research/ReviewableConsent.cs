using System.Numerics;
using MediBloc.Sdk.Contracts.DataMarket;
using MediBloc.Sdk.Contracts.SearchIndex;

namespace MediBloc.Sdk.Research;

/// <summary>A consent that holds a place on a researcher's request, with what the researcher can judge it by: the entry's public metadata.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Handle">The consenting entry's handle (0x-hex).</param>
/// <param name="Status">Pending or accepted.</param>
/// <param name="ReviewEndsAt">Until when the researcher may reject it (chain time); after that silence is acceptance.</param>
/// <param name="Metadata">The entry's de-identified metadata as published in the index, or <see langword="null"/> when none parses (a likely junk consent).</param>
public sealed record ReviewableConsent(BigInteger RequestId, string Handle, DataConsentStatus Status, DateTimeOffset ReviewEndsAt, SearchMetadata? Metadata);

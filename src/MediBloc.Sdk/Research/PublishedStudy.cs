using MediBloc.Sdk.Contracts.Studies;

namespace MediBloc.Sdk.Research;

/// <summary>A study read from the chain with its document, fetched by CID and checked against the SHA-256 on chain.</summary>
/// <param name="Study">The on-chain state (status, counts, researcher).</param>
/// <param name="Document">The study document.</param>
/// <param name="DocumentCid">The document's CID.</param>
public sealed record PublishedStudy(Study Study, StudyDocument Document, string DocumentCid);

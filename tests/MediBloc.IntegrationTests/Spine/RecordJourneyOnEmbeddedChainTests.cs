using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Spine;

/// <summary>The record journey with the in-process embedded chain as the chain and the devnet's IPFS node as the store.</summary>
public sealed class RecordJourneyOnEmbeddedChainTests(DevnetFixture fixture) : RecordJourneyTests(fixture, ChainBackend.Embedded);

using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Research;

/// <summary>The <see cref="ResearchTests"/> tests with the embedded chain as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class ResearchOnEmbeddedChainTests(DevnetFixture fixture) : ResearchTests(fixture, ChainBackend.Embedded);

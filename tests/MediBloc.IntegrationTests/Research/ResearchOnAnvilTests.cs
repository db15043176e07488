using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Research;

/// <summary>The <see cref="ResearchTests"/> tests with anvil as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class ResearchOnAnvilTests(DevnetFixture fixture) : ResearchTests(fixture, ChainBackend.Anvil);

using MediBloc.IntegrationTests.EmbeddedChain;
using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Workflows;

/// <summary>The <see cref="PatientEconomyTests"/> tests with anvil as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class PatientEconomyOnAnvilTests(DevnetFixture fixture) : PatientEconomyTests(fixture, ChainBackend.Anvil);

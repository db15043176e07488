using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Fhir;

/// <summary>The <see cref="FhirFromChainTests"/> tests with anvil as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class FhirFromChainOnAnvilTests(DevnetFixture fixture) : FhirFromChainTests(fixture, ChainBackend.Anvil);

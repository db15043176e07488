using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Fhir;

/// <summary>The <see cref="FhirFromChainTests"/> tests with the embedded chain as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class FhirFromChainOnEmbeddedChainTests(DevnetFixture fixture) : FhirFromChainTests(fixture, ChainBackend.Embedded);

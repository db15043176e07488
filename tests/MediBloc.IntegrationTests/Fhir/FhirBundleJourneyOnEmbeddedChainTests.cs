using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Fhir;

/// <summary>The FHIR bundle journey with the in-process embedded chain as the chain and the devnet's IPFS node as the store.</summary>
public sealed class FhirBundleJourneyOnEmbeddedChainTests(DevnetFixture fixture) : FhirBundleJourneyTests(fixture, ChainBackend.Embedded);

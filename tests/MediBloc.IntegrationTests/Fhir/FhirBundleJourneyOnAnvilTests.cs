using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Fhir;

/// <summary>The FHIR bundle journey with anvil as the chain.</summary>
public sealed class FhirBundleJourneyOnAnvilTests(DevnetFixture fixture) : FhirBundleJourneyTests(fixture, ChainBackend.Anvil);

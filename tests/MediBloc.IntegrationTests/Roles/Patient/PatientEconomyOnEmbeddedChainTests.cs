using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Roles.Patient;

/// <summary>The <see cref="PatientEconomyTests"/> tests with the embedded chain as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class PatientEconomyOnEmbeddedChainTests(DevnetFixture fixture) : PatientEconomyTests(fixture, ChainBackend.Embedded);

using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Roles.Patient;

/// <summary>The <see cref="PatientEconomyTests"/> tests with anvil as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class PatientEconomyOnAnvilTests(DevnetFixture fixture) : PatientEconomyTests(fixture, ChainBackend.Anvil);

using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Roles.Provider;

/// <summary>The <see cref="ProviderAuthoredRecordTests"/> tests with anvil as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class ProviderAuthoredRecordOnAnvilTests(DevnetFixture fixture) : ProviderAuthoredRecordTests(fixture, ChainBackend.Anvil);

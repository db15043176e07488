using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Roles.Provider;

/// <summary>The <see cref="ProviderAuthoredRecordTests"/> tests with the embedded chain as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class ProviderAuthoredRecordOnEmbeddedChainTests(DevnetFixture fixture) : ProviderAuthoredRecordTests(fixture, ChainBackend.Embedded);

using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Sharing;

/// <summary>The sharing workflow tests with anvil as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class SharingOnAnvilTests(DevnetFixture fixture) : SharingTests(fixture, ChainBackend.Anvil);

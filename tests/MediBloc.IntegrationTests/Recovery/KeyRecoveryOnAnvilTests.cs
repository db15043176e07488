using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Recovery;

/// <summary>The <see cref="KeyRecoveryTests"/> tests with anvil as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class KeyRecoveryOnAnvilTests(DevnetFixture fixture) : KeyRecoveryTests(fixture, ChainBackend.Anvil);

using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Recovery;

/// <summary>The <see cref="KeyRecoveryTests"/> tests with the embedded chain as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class KeyRecoveryOnEmbeddedChainTests(DevnetFixture fixture) : KeyRecoveryTests(fixture, ChainBackend.Embedded);

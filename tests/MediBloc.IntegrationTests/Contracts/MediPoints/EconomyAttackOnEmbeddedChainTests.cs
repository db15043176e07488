using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Contracts.MediPoints;

/// <summary>The <see cref="EconomyAttackTests"/> tests with the embedded chain as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class EconomyAttackOnEmbeddedChainTests(DevnetFixture fixture) : EconomyAttackTests(fixture, ChainBackend.Embedded);

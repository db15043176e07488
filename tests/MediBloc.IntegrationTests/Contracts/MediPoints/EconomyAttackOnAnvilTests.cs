using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Contracts.MediPoints;

/// <summary>The <see cref="EconomyAttackTests"/> tests with anvil as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class EconomyAttackOnAnvilTests(DevnetFixture fixture) : EconomyAttackTests(fixture, ChainBackend.Anvil);

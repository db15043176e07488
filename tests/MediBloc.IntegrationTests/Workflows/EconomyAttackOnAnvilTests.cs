using MediBloc.IntegrationTests.EmbeddedChain;
using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Workflows;

/// <summary>The <see cref="EconomyAttackTests"/> tests with anvil as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class EconomyAttackOnAnvilTests(DevnetFixture fixture) : EconomyAttackTests(fixture, ChainBackend.Anvil);

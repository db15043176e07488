using MediBloc.IntegrationTests.EmbeddedChain;
using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Workflows;

/// <summary>The <see cref="CredentialWorkflowTests"/> tests with anvil as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class CredentialWorkflowOnAnvilTests(DevnetFixture fixture) : CredentialWorkflowTests(fixture, ChainBackend.Anvil);

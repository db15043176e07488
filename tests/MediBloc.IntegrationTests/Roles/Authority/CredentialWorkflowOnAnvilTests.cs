using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Roles.Authority;

/// <summary>The <see cref="CredentialWorkflowTests"/> tests with anvil as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class CredentialWorkflowOnAnvilTests(DevnetFixture fixture) : CredentialWorkflowTests(fixture, ChainBackend.Anvil);

using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Roles.Authority;

/// <summary>The <see cref="CredentialWorkflowTests"/> tests with the embedded chain as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class CredentialWorkflowOnEmbeddedChainTests(DevnetFixture fixture) : CredentialWorkflowTests(fixture, ChainBackend.Embedded);

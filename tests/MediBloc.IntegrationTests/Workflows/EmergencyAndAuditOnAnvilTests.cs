using MediBloc.IntegrationTests.EmbeddedChain;
using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Workflows;

/// <summary>The emergency and audit workflow tests with anvil as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class EmergencyAndAuditOnAnvilTests(DevnetFixture fixture) : EmergencyAndAuditTests(fixture, ChainBackend.Anvil);

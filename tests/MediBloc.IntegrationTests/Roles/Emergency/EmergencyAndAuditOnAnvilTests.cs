using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Roles.Emergency;

/// <summary>The emergency and audit workflow tests with anvil as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class EmergencyAndAuditOnAnvilTests(DevnetFixture fixture) : EmergencyAndAuditTests(fixture, ChainBackend.Anvil);

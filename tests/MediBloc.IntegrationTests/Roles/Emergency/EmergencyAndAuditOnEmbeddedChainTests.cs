using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Roles.Emergency;

/// <summary>The emergency and audit workflow tests with the in-process embedded chain as the chain and the devnet's IPFS node as the store.</summary>
[Collection(DevnetCollection.Name)]
public sealed class EmergencyAndAuditOnEmbeddedChainTests(DevnetFixture fixture) : EmergencyAndAuditTests(fixture, ChainBackend.Embedded);

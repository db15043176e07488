using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Outbox;

/// <summary>The publish crash tests with the in-process embedded chain as the chain and the devnet's IPFS node as the store.</summary>
public sealed class PublishCrashOnEmbeddedChainTests(DevnetFixture fixture) : PublishCrashTests(fixture, ChainBackend.Embedded);

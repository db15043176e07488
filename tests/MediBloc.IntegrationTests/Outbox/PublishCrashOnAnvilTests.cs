using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Outbox;

/// <summary>The publish crash tests with anvil as the chain.</summary>
public sealed class PublishCrashOnAnvilTests(DevnetFixture fixture) : PublishCrashTests(fixture, ChainBackend.Anvil);

using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Notifications;

/// <summary>The <see cref="NotificationTests"/> tests with anvil as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class NotificationOnAnvilTests(DevnetFixture fixture) : NotificationTests(fixture, ChainBackend.Anvil);

using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Notifications;

/// <summary>The <see cref="NotificationTests"/> tests with the embedded chain as the chain.</summary>
[Collection(DevnetCollection.Name)]
public sealed class NotificationOnEmbeddedChainTests(DevnetFixture fixture) : NotificationTests(fixture, ChainBackend.Embedded);

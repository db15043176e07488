using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.IntegrationTests.Sharing;

/// <summary>The sharing workflow tests with the in-process embedded chain as the chain and the devnet's IPFS node as the store.</summary>
[Collection(DevnetCollection.Name)]
public sealed class SharingOnEmbeddedChainTests(DevnetFixture fixture) : SharingTests(fixture, ChainBackend.Embedded);

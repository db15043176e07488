using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk;
using MediBloc.Sdk.Storage;

namespace MediBloc.IntegrationTests.Spine;

/// <summary>The record journey with anvil as the chain, plus what only a chain reached over HTTP can show.</summary>
public sealed class RecordJourneyOnAnvilTests(DevnetFixture fixture) : RecordJourneyTests(fixture, ChainBackend.Anvil)
{
    [Fact]
    public async Task A_chain_node_that_is_down_gives_a_ChainException_naming_the_URL_and_the_stored_CID()
    {
        var deadUrl = DeadUrl();
        var client = NewClientOnDeadChain(deadUrl);

        var ex = await Assert.ThrowsAsync<ChainException>(() => client.GetPatientClient(Patient).PublishAsync(Record, ContentType));

        Assert.Equal(MediBlocErrorCode.NodeUnavailable, ex.Code);
        Assert.Contains(deadUrl.Authority, ex.Message, StringComparison.Ordinal);
        // The envelope was stored before the anchor failed: the error says where, so it is not lost.
        Assert.NotNull(ex.Cid);
        Assert.True(await Client.ContentStore.ExistsAsync(ContentId.Parse(ex.Cid!)));
    }
}

using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Samples.Quickstart;

namespace MediBloc.IntegrationTests.Spine;

/// <summary>The record journey with the in-process embedded chain as the chain and the devnet's IPFS node as the store.</summary>
[Collection(DevnetCollection.Name)]
public sealed class RecordJourneyOnEmbeddedChainTests(DevnetFixture fixture) : RecordJourneyTests(fixture, ChainBackend.Embedded)
{
    [Fact]
    public async Task The_quickstart_needs_no_server_by_default_and_says_so()
    {
        var output = new StringWriter();

        var result = await QuickstartStory.RunAsync(new QuickstartSettings(), output);

        Assert.True(result.Verified, output.ToString());
        Assert.Equal(result.Steps, result.StepsPassed);
        Assert.False(result.StartedDevnet);
        Assert.Equal(("embedded", "local"), (result.Chain, result.Store));
        Assert.Contains("in-process EVM chain", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("local content store", output.ToString(), StringComparison.Ordinal);
    }
}


using MediBloc.IntegrationTests.Infrastructure;

namespace MediBloc.Samples.Quickstart.Tests;

/// <summary>The quickstart sample tells its whole story, verified: in-process by default, and on the devnet when given its URLs and keys.</summary>
[Collection(DevnetCollection.Name)]
public sealed class QuickstartStoryTests(DevnetFixture fixture)
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

    [Fact]
    public async Task The_quickstart_tells_a_verified_story_on_the_devnet()
    {
        var output = new StringWriter();
        var result = await QuickstartStory.RunAsync(new QuickstartSettings
        {
            RpcUrl = fixture.Devnet.RpcUrl,
            IpfsUrl = fixture.Devnet.IpfsApiUrl,
            DeployerKey = fixture.Devnet.Accounts[4].PrivateKey,
            PatientKey = fixture.Devnet.Accounts[5].PrivateKey,
        }, output);

        Assert.True(result.Verified, output.ToString());
        Assert.True(result.TamperDetected);
        Assert.Equal(result.Steps, result.StepsPassed);
        Assert.Contains(result.Cid, output.ToString(), StringComparison.Ordinal);
        Assert.Contains(result.TxHash, output.ToString(), StringComparison.Ordinal);
        Assert.Contains("VERIFIED", output.ToString(), StringComparison.Ordinal);
        Assert.Equal((fixture.Devnet.RpcUrl.ToString(), fixture.Devnet.IpfsApiUrl.ToString()), (result.Chain, result.Store));
    }
}

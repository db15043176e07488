using MediBloc.Sdk.Contracts.InsuranceClaims;
using MediBloc.Sdk.Contracts.MedToken;

namespace MediBloc.Samples.Claims.Tests;

/// <summary>The claims sample runs end to end on the embedded defaults: one claim paid as the rules say, one denied by rule.</summary>
public sealed class ClaimsStoryTests
{
    [Fact]
    public async Task The_claims_story_pays_the_checkup_by_the_rules_and_denies_the_excluded_procedure()
    {
        var output = new StringWriter();

        var result = await ClaimsStory.RunAsync(output);

        Assert.True(result.Succeeded, output.ToString());
        // 150 + 80 + 20 submitted; allowed 120 + 80 + 15 = 215; less the 50 deductible and 20 % co-pay (33): 132.
        Assert.Equal(MedTokenClient.FromMed(132), result.PaidMed);
        Assert.Equal(132m, result.EobPayment);
        Assert.Equal(ClaimDenialReason.Excluded, result.DenialReason);
        Assert.Equal(MedTokenClient.FromMed(1000 - 132), result.PoolLeft);
        Assert.Contains("denied on chain with reason Excluded", output.ToString(), StringComparison.Ordinal);
    }
}

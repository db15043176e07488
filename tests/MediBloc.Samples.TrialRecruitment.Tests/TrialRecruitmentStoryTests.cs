namespace MediBloc.Samples.TrialRecruitment.Tests;

/// <summary>The recruitment sample runs end to end on the embedded defaults and every step comes out as its story says.</summary>
public sealed class TrialRecruitmentStoryTests
{
    [Fact]
    public async Task The_story_posts_counts_enrols_reads_and_withdraws()
    {
        var output = new StringWriter();

        var result = await TrialRecruitmentStory.RunAsync(output);

        var told = output.ToString();
        Assert.True(result.Verified, told);
        Assert.Equal(2, result.Eligible);
        Assert.Equal((2, 0, 1, 0), (result.InterestedCount, result.EnrolledBeforeEnrolment, result.EnrolledCount, result.EnrolledAfterWithdrawal));
        Assert.Equal("on-study", result.SubjectStatus);
        Assert.Equal(3, result.SharedRecordsRead);
        Assert.True(result.ReadRefusedAfterWithdrawal);
        Assert.Contains("Cho's device evaluated the study: not eligible, nothing sent.", told, StringComparison.Ordinal);
        Assert.Contains("failed include observation http://loinc.org|4548-4 > 6.2 % within 12 months", told, StringComparison.Ordinal);
    }
}

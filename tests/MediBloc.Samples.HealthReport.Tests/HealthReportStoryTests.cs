using MediBloc.IntegrationTests.Infrastructure;
using MediBloc.Sdk.Fhir.Reports;

namespace MediBloc.Samples.HealthReport.Tests;

/// <summary>
/// The health-report sample end to end on both backends: the report built from the records published and opened
/// back through the chain equals the report built from the bundle file, and holds the findings worked out by hand for
/// this patient (see MediBloc.Sdk.Fhir.Tests' HealthReportSyntheaTests.Clemente_at_35_…).
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class HealthReportStoryTests(DevnetFixture fixture) : IDisposable
{
    private static readonly DateOnly AsOf = new(2020, 1, 1);
    private readonly string _folder = Directory.CreateTempSubdirectory("medibloc-health-report-test-").FullName;

    [Fact]
    public async Task On_the_embedded_chain_the_report_from_opened_records_equals_the_report_from_the_bundle()
    {
        var output = new StringWriter();

        var result = await HealthReportStory.RunAsync(new HealthReportSettings { AsOf = AsOf, OutputFolder = _folder }, output);

        AssertStory(result, output.ToString());
        Assert.Contains("in-process chain", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_the_devnet_the_report_from_opened_records_equals_the_report_from_the_bundle()
    {
        var output = new StringWriter();

        var result = await HealthReportStory.RunAsync(new HealthReportSettings
        {
            AsOf = AsOf,
            OutputFolder = _folder,
            RpcUrl = fixture.Devnet.RpcUrl,
            IpfsUrl = fixture.Devnet.IpfsApiUrl,
            DeployerKey = fixture.Devnet.Accounts[0].PrivateKey,
            PatientKey = fixture.Devnet.Accounts[1].PrivateKey,
        }, output);

        AssertStory(result, output.ToString());
        Assert.Contains(fixture.Devnet.RpcUrl.ToString(), output.ToString(), StringComparison.Ordinal);
    }

    private static void AssertStory(HealthReportResult result, string output)
    {
        Assert.True(result.MatchesBundle, output);
        // Clemente Kreiger's bundle has 70 entries, each a resource: all published in one batch and all opened back.
        Assert.Equal((70, 70), (result.RecordsPublished, result.RecordsOpened));
        Assert.Empty(result.Report.Ignored);
        Assert.Equal(["uspstf-prediabetes-diabetes", "uspstf-depression", "cdc-influenza"], result.Report.CareGaps.Select(g => g.RuleId));
        Assert.Equal(8, result.Report.Trends.Count);

        var json = File.ReadAllText(result.JsonPath);
        Assert.Equal(HealthReportJson.Serialize(result.Report), json);
        var html = File.ReadAllText(result.HtmlPath);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Equal(8, html.Split("<svg ").Length - 1);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(result.HtmlPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(result.JsonPath));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

using System.Text.Json;
using MediBloc.Cli;
using MediBloc.Sdk.Tests.Files;

namespace MediBloc.Cli.Tests.Chain;

/// <summary><c>medibloc report</c> and <c>authority certify --role insurer</c> on the embedded chain kept in a temporary state folder.</summary>
public sealed class ReportFlowTests : IDisposable
{
    private const string Patient = """{"resourceType":"Patient","id":"p1","gender":"female","birthDate":"1970-05-01"}""";
    private const string Condition = """{"resourceType":"Condition","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"code":{"text":"Hypertension"},"subject":{"reference":"Patient/p1"},"onsetDateTime":"2020-01-01"}""";
    private readonly CliState _state = new();

    public void Dispose() => _state.Dispose();

    private static string Weight(string day, decimal kg) =>
        $$$"""{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"29463-7"}]},"subject":{"reference":"Patient/p1"},"effectiveDateTime":"{{{day}}}","valueQuantity":{"value":{{{kg}}},"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}}""";

    [Fact]
    public void Report_is_built_from_the_patients_own_records_across_runs_and_written_owner_only()
    {
        _state.NewKey("alice");
        _state.NewKey("mallory");
        _state.Json("fund", "alice");
        File.WriteAllText(_state.Path("patient.json"), Patient);
        File.WriteAllText(_state.Path("condition.json"), Condition);
        File.WriteAllText(_state.Path("w1.json"), Weight("2025-01-10", 80.5m));
        File.WriteAllText(_state.Path("w2.json"), Weight("2025-06-10", 78.0m));
        File.WriteAllText(_state.Path("w3.json"), Weight("2026-03-01", 70.0m));
        _state.Json("records", "publish", "--as", "alice", "--in",
            _state.Path("patient.json"), _state.Path("condition.json"), _state.Path("w1.json"), _state.Path("w2.json"), _state.Path("w3.json"));

        var summary = _state.Json("report", "--as", "alice", "--as-of", "2025-12-31", "--out", _state.Path("report.html"), _state.Path("report.json"));

        Assert.Equal("medibloc.health-report/1", summary.GetProperty("schema").GetString());
        Assert.Equal("2025-12-31", summary.GetProperty("asOf").GetString());
        Assert.Equal(5, summary.GetProperty("records").GetInt32());
        Assert.Equal(1, summary.GetProperty("activeConditions").GetInt32());
        Assert.Equal(2, summary.GetProperty("files").GetArrayLength());
        using var report = JsonDocument.Parse(File.ReadAllText(_state.Path("report.json")));
        var weight = Assert.Single(report.RootElement.GetProperty("trends").EnumerateArray());
        // The weight after --as-of is not used.
        Assert.Equal(2, weight.GetProperty("points").GetArrayLength());
        Assert.Contains("Hypertension", File.ReadAllText(_state.Path("report.html")), StringComparison.Ordinal);
        OwnerOnly.AssertFile(_state.Path("report.html"));
        OwnerOnly.AssertFile(_state.Path("report.json"));

        // No health data on stdout: the human line carries counts only.
        var (code, output, _) = _state.Run("report", "--as", "alice", "--as-of", "2026-12-31", "--out", _state.Path("later.json"));
        Assert.Equal(ExitCodes.Success, code);
        Assert.DoesNotContain("Hypertension", output, StringComparison.Ordinal);
        using var later = JsonDocument.Parse(File.ReadAllText(_state.Path("later.json")));
        Assert.Equal(3, later.RootElement.GetProperty("trends")[0].GetProperty("points").GetArrayLength());

        // Someone else's report holds none of alice's records.
        var stranger = _state.Json("report", "--as", "mallory", "--out", _state.Path("mallory.json"));
        Assert.Equal(0, stranger.GetProperty("records").GetInt32());
        Assert.DoesNotContain("Hypertension", File.ReadAllText(_state.Path("mallory.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_refusals_are_usage_errors_and_write_nothing()
    {
        _state.NewKey("alice");
        File.WriteAllText(_state.Path("exists.json"), "{}");

        _state.Fails(ExitCodes.Usage, "report", "--as", "alice", "--out", _state.Path("exists.json"));
        Assert.Equal("{}", File.ReadAllText(_state.Path("exists.json")));
        _state.Fails(ExitCodes.Usage, "report", "--as", "alice", "--out", _state.Path("report.txt"));
        _state.Fails(ExitCodes.Usage, "report", "--as", "alice", "--out", _state.Path("a.json"), _state.Path("b.json"));
        _state.Fails(ExitCodes.Usage, "report", "--as", "alice", "--as-of", "31/12/2025", "--out", _state.Path("c.json"));
        _state.Fails(ExitCodes.Usage, "report", "--out", _state.Path("d.json"));
        Assert.False(File.Exists(_state.Path("a.json")) || File.Exists(_state.Path("b.json")) || File.Exists(_state.Path("c.json")) || File.Exists(_state.Path("d.json")));

        // --force replaces an existing file.
        _state.Json("report", "--as", "alice", "--out", _state.Path("exists.json"), "--force");
        Assert.Contains("medibloc.health-report/1", File.ReadAllText(_state.Path("exists.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Authority_certifies_an_insurer_and_refuses_a_non_authority()
    {
        var acme = _state.NewKey("acme");
        _state.NewKey("mallory");
        _state.Json("fund", "mallory");

        var certified = _state.Json("authority", "certify", "acme", "--role", "insurer");

        Assert.Equal((acme, "insurer"), (certified.GetProperty("account").GetString(), certified.GetProperty("role").GetString()));
        var code = _state.Run("authority", "certify", "mallory", "--role", "insurer", "--as", "mallory").Code;
        Assert.NotEqual(ExitCodes.Success, code);
        Assert.Equal(ExitCodes.Usage, _state.Run("authority", "certify", "acme", "--role", "pharmacist").Code);
    }
}

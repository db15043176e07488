using MediBloc.Cli;
using MediBloc.Sdk.Fhir;

namespace MediBloc.Cli.Tests.Chain;

/// <summary><c>medibloc research study …</c> and <c>research eligibility|enrol|withdraw</c> on the embedded chain, each step a separate run.</summary>
public sealed class StudyFlowTests : IDisposable
{
    private const string Patient = """{"resourceType":"Patient","id":"p1","gender":"female","birthDate":"1970-05-01"}""";
    private const string Prediabetes = """{"resourceType":"Condition","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"code":{"coding":[{"system":"http://snomed.info/sct","code":"15777000"}]},"subject":{"reference":"Patient/p1"},"onsetDateTime":"2020-01-01"}""";
    private readonly CliState _state = new();

    public void Dispose() => _state.Dispose();

    [Fact]
    public void A_patient_evaluates_privately_signals_interest_enrols_and_withdraws_and_the_researcher_sees_counts()
    {
        var lab = _state.NewKey("lab");
        _state.NewKey("alice");
        _state.NewKey("bob");
        _state.NewKey("mallory");
        foreach (var who in new[] { "lab", "alice", "bob", "mallory" })
        {
            _state.Json("fund", who);
        }
        _state.Json("authority", "certify", "lab", "--role", "researcher");
        var study = ResearchStudyEligibility.ToResearchStudy("Prediabetes follow-up", "Adults aged 40 to 80 with prediabetes.",
            [EligibilityCriterion.HasCondition(new EligibilityCode(EligibilityCode.Snomed, "15777000")), EligibilityCriterion.AgeBetween(40, 80)]);
        File.WriteAllText(_state.Path("study.json"), ResearchStudyEligibility.ToJson(study));

        // Only a certified researcher posts.
        _state.Fails(ExitCodes.AccessDenied, "research", "study", "post", "--in", _state.Path("study.json"), "--as", "mallory");
        var id = _state.Json("research", "study", "post", "--in", _state.Path("study.json"), "--as", "lab").GetProperty("studyId").GetString()!;
        var listed = Assert.Single(_state.Json("research", "study", "list", "--as", "alice").GetProperty("studies").EnumerateArray());
        Assert.Equal((id, lab, 2), (listed.GetProperty("studyId").GetString(), listed.GetProperty("researcher").GetString(), listed.GetProperty("criteria").GetInt32()));

        File.WriteAllText(_state.Path("patient.json"), Patient);
        File.WriteAllText(_state.Path("condition.json"), Prediabetes);
        _state.Json("records", "publish", "--as", "alice", "--in", _state.Path("patient.json"), _state.Path("condition.json"));

        // Bob has no matching records: not eligible, and nothing is signalled.
        var bob = _state.Json("research", "eligibility", id, "--as", "bob", "--signal-interest");
        Assert.False(bob.GetProperty("eligible").GetBoolean());
        Assert.False(bob.TryGetProperty("interestTransactionHash", out _));
        var alice = _state.Json("research", "eligibility", id, "--as", "alice", "--signal-interest");
        Assert.True(alice.GetProperty("eligible").GetBoolean());
        Assert.All(alice.GetProperty("criteria").EnumerateArray(), c => Assert.True(c.GetProperty("satisfied").GetBoolean()));
        var counts = _state.Json("research", "study", "count", id, "--as", "lab");
        Assert.Equal((1, 0), (counts.GetProperty("interested").GetInt32(), counts.GetProperty("enrolled").GetInt32()));

        var enrolled = _state.Json("research", "enrol", id, "--as", "alice");
        Assert.NotEmpty(enrolled.GetProperty("grantIds").EnumerateArray());
        Assert.Equal(1, _state.Json("research", "study", "count", id).GetProperty("enrolled").GetInt32());
        var subject = Assert.Single(_state.Json("research", "study", "subjects", id, "--as", "lab").GetProperty("subjects").EnumerateArray());
        Assert.Equal((_state.Json("key", "list").GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("name").GetString() == "alice").GetProperty("address").GetString(), "Enrolled"),
            (subject.GetProperty("patient").GetString(), subject.GetProperty("status").GetString()));
        Assert.NotEmpty(subject.GetProperty("records").EnumerateArray());
        // Enrolling twice is refused by the chain.
        _state.Fails(ExitCodes.ChainFailure, "research", "enrol", id, "--as", "alice");

        var withdrawn = _state.Json("research", "withdraw", id, "--as", "alice");
        Assert.Equal(enrolled.GetProperty("grantIds").GetArrayLength(), withdrawn.GetProperty("revokedGrantIds").GetArrayLength());
        Assert.Equal(0, _state.Json("research", "study", "count", id).GetProperty("enrolled").GetInt32());
        _state.Fails(ExitCodes.ChainFailure, "research", "withdraw", id, "--as", "bob");

        // Only the study's researcher closes it; a closed study refuses enrolment.
        _state.Fails(ExitCodes.ChainFailure, "research", "study", "close", id, "--as", "mallory");
        _state.Json("research", "study", "close", id, "--as", "lab");
        Assert.Equal("Closed", _state.Json("research", "study", "count", id).GetProperty("status").GetString());
        _state.Fails(ExitCodes.ChainFailure, "research", "enrol", id, "--as", "alice");

        // Unknown or malformed study ids are usage errors.
        _state.Fails(ExitCodes.Usage, "research", "eligibility", "999", "--as", "alice");
        _state.Fails(ExitCodes.Usage, "research", "study", "count", "abc");
    }
}

using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MediBloc.Cli;
using MediBloc.Sdk.Fhir.Claims;

namespace MediBloc.Cli.Tests.Chain;

/// <summary><c>medibloc claims …</c> on the embedded chain, each step a separate run: a claim paid by the rules, one denied by rule, and the refusals.</summary>
public sealed class ClaimsFlowTests : IDisposable
{
    private const string Snomed = "http://snomed.info/sct";
    private const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private readonly CliState _state = new();

    public void Dispose() => _state.Dispose();

    [Fact]
    public void An_insurer_opens_a_policy_a_patient_files_from_an_encounter_and_the_insurer_pays_or_denies_by_rule()
    {
        _state.NewKey("acme");
        var alice = _state.NewKey("alice");
        _state.NewKey("mallory");
        _state.Json("fund", "acme", "--med", "1000");
        _state.Json("fund", "alice");
        _state.Json("fund", "mallory");
        _state.Json("authority", "certify", "acme", "--role", "insurer");
        var now = DateTimeOffset.UtcNow;
        File.WriteAllBytes(_state.Path("rules.json"), Rules(now).ToJson());
        File.WriteAllText(_state.Path("checkup.json"), EncounterBundle("checkup", now, cosmetic: false));
        File.WriteAllText(_state.Path("cosmetic.json"), EncounterBundle("cosmetic", now, cosmetic: true));

        // Only a certified insurer opens a policy.
        _state.Fails(ExitCodes.AccessDenied, "claims", "policy", "open", "--rules", _state.Path("rules.json"), "--as", "mallory");
        var policy = _state.Json("claims", "policy", "open", "--rules", _state.Path("rules.json"), "--as", "acme").GetProperty("policyId").GetString()!;
        _state.Json("claims", "policy", "fund", policy, "--med", "1000", "--as", "acme");
        Assert.Equal(alice, _state.Json("claims", "policy", "enrol", policy, "--member", "alice", "--as", "acme").GetProperty("member").GetString());

        string[] FileArgs(string bundle) => ["claims", "file", "--policy", policy, "--encounter", _state.Path(bundle), "--insurer", "acme", "--rules", _state.Path("rules.json"), .. Charges, "--as", "alice"];

        // A stranger to the policy cannot file on it, and nothing is published for the refused claim.
        _state.Fails(ExitCodes.AccessDenied, [.. FileArgs("checkup.json")[..^1], "mallory"]);
        Assert.Equal(0, Records(_state, "mallory"));
        var filed = _state.Json(FileArgs("checkup.json"));
        // The same encounter again: refused before anything is published (one claim per encounter).
        var records = Records(_state, "alice");
        Assert.Contains("already claims this encounter", _state.Fails(ExitCodes.AccessDenied, FileArgs("checkup.json")), StringComparison.Ordinal);
        Assert.Equal(records, Records(_state, "alice"));
        var claim = filed.GetProperty("claimId").GetString()!;
        Assert.Equal((250m, 3, 250m), (filed.GetProperty("total").GetDecimal(), filed.GetProperty("items").GetInt32(), filed.GetProperty("med").GetDecimal()));
        Assert.Equal(5, filed.GetProperty("grantIds").GetArrayLength()); // the claim and its four records
        Assert.Equal("Filed", _state.Json("claims", "status", claim, "--as", "alice").GetProperty("status").GetString());
        var pending = Assert.Single(_state.Json("claims", "pending", "--policy", policy, "--as", "acme").GetProperty("claims").EnumerateArray());
        Assert.Equal((claim, alice), (pending.GetProperty("claimId").GetString(), pending.GetProperty("patient").GetString()));

        // Inside the decision window the claimant cannot withdraw it, and a stranger never can.
        Assert.Contains("can be withdrawn from then on", _state.Fails(ExitCodes.AccessDenied, "claims", "withdraw", claim, "--as", "alice"), StringComparison.Ordinal);
        Assert.Contains("only its claimant may withdraw it", _state.Fails(ExitCodes.AccessDenied, "claims", "withdraw", claim, "--as", "mallory"), StringComparison.Ordinal);
        // A stranger can neither read the claim's records nor decide it.
        _state.Fails(ExitCodes.AccessDenied, "claims", "adjudicate", claim, "--rules", _state.Path("rules.json"), "--as", "mallory");
        var paid = _state.Json("claims", "adjudicate", claim, "--rules", _state.Path("rules.json"), "--as", "acme");
        Assert.Equal(("paid", 215m, 50m, 33m, 132m, 4), (paid.GetProperty("decision").GetString(), paid.GetProperty("eligible").GetDecimal(), paid.GetProperty("deductible").GetDecimal(),
            paid.GetProperty("coPay").GetDecimal(), paid.GetProperty("paidMed").GetDecimal(), paid.GetProperty("records").GetInt32()));
        var status = _state.Json("claims", "status", claim, "--as", "alice");
        Assert.Equal(("Paid", 132m, 132m), (status.GetProperty("status").GetString(), status.GetProperty("paidMed").GetDecimal(), status.GetProperty("eobPayment").GetDecimal()));
        // A decided claim is not decided twice, and it is no longer pending.
        _state.Fails(ExitCodes.ChainFailure, "claims", "adjudicate", claim, "--rules", _state.Path("rules.json"), "--as", "acme");
        Assert.Empty(_state.Json("claims", "pending", "--policy", policy, "--as", "acme").GetProperty("claims").EnumerateArray());

        // An excluded procedure: denied by rule, with the reason on chain.
        var cosmetic = _state.Json(FileArgs("cosmetic.json")).GetProperty("claimId").GetString()!;
        var denied = _state.Json("claims", "adjudicate", cosmetic, "--rules", _state.Path("rules.json"), "--as", "acme");
        Assert.Equal(("denied", "Excluded", 0m), (denied.GetProperty("decision").GetString(), denied.GetProperty("denialReason").GetString(), denied.GetProperty("paidMed").GetDecimal()));
        var deniedStatus = _state.Json("claims", "status", cosmetic, "--as", "alice");
        Assert.Equal(("Denied", "Excluded"), (deniedStatus.GetProperty("status").GetString(), deniedStatus.GetProperty("denialReason").GetString()));

        // A malformed policy id is a usage error; a rules file that is not rules is malformed input.
        _state.Fails(ExitCodes.Usage, "claims", "policy", "fund", "abc", "--med", "1", "--as", "acme");
        _state.Fails(ExitCodes.Failed, "claims", "policy", "open", "--rules", _state.Path("checkup.json"), "--as", "acme");
    }

    [Fact]
    public void A_claim_on_an_expired_policy_is_refused_before_anything_is_published()
    {
        _state.NewKey("acme");
        _state.NewKey("alice");
        _state.Json("fund", "acme", "--med", "100");
        _state.Json("fund", "alice");
        _state.Json("authority", "certify", "acme", "--role", "insurer");
        var now = DateTimeOffset.UtcNow;
        File.WriteAllBytes(_state.Path("expired.json"), Rules(now.AddYears(-2)).ToJson());
        File.WriteAllText(_state.Path("checkup.json"), EncounterBundle("checkup", now, cosmetic: false));
        var policy = _state.Json("claims", "policy", "open", "--rules", _state.Path("expired.json"), "--as", "acme").GetProperty("policyId").GetString()!;
        _state.Json("claims", "policy", "fund", policy, "--med", "100", "--as", "acme");
        _state.Json("claims", "policy", "enrol", policy, "--member", "alice", "--as", "acme");

        _state.Fails(ExitCodes.AccessDenied, ["claims", "file", "--policy", policy, "--encounter", _state.Path("checkup.json"), "--insurer", "acme", "--rules", _state.Path("expired.json"), .. Charges, "--as", "alice"]);
        Assert.Equal(0, Records(_state, "alice"));
    }

    /// <summary>The charges of the encounter bundles' codes.</summary>
    internal static readonly string[] Charges = ["--charge", Snomed + "|185349003=150", "--charge", Snomed + "|430193006=80", "--charge", Snomed + "|243114000=400", "--charge", RxNorm + "|860975=20"];

    /// <summary>How many records a key has anchored.</summary>
    internal static int Records(CliState state, string key) => state.Json("records", "list", "--as", key).GetProperty("records").GetArrayLength();

    internal static AdjudicationRules Rules(DateTimeOffset now) => new()
    {
        CoverageStart = now.AddDays(-30),
        CoverageEnd = now.AddYears(1),
        Deductible = 50m,
        CoPayPercent = 20m,
        PerClaimCap = 1000m,
        MedPerUnit = 1m,
        Covered =
        [
            new CoveredService(Snomed, "185349003", 120m),
            new CoveredService(Snomed, "430193006", 100m),
            new CoveredService(ClaimBuilder.CategorySystem, null, 15m) { Category = "pharmacy" },
        ],
        Exclusions = [new ExcludedCode(Snomed, "243114000")],
    };

    internal static string EncounterBundle(string id, DateTimeOffset now, bool cosmetic)
    {
        var day = now.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var subject = new ResourceReference("Patient/p1");
        var encounter = new ResourceReference("Encounter/" + id);
        Resource[] records =
        [
            new Encounter
            {
                Id = id, Status = Encounter.EncounterStatus.Finished, Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"),
                Type = [new CodeableConcept(Snomed, "185349003", "Encounter for check up")], Subject = subject,
                Period = new Period { Start = day + "T09:00:00Z", End = day + "T09:30:00Z" }, ServiceProvider = new ResourceReference("Organization/clinic"),
            },
            new Procedure
            {
                Id = id + "-proc", Status = EventStatus.Completed, Subject = subject, Encounter = encounter,
                Code = cosmetic ? new CodeableConcept(Snomed, "243114000", "Cosmetic procedure") : new CodeableConcept(Snomed, "430193006", "Medication reconciliation"),
            },
            new Condition { Id = id + "-dx", Subject = subject, Encounter = encounter, Code = new CodeableConcept(Snomed, "44054006", "Diabetes mellitus type 2") },
            new MedicationRequest
            {
                Id = id + "-rx", Status = MedicationRequest.MedicationrequestStatus.Active, Intent = MedicationRequest.MedicationRequestIntent.Order,
                Subject = subject, Encounter = encounter, Medication = new CodeableConcept(RxNorm, "860975", "metformin 500 MG"),
            },
        ];
        var bundle = new Bundle { Type = Bundle.BundleType.Collection };
        foreach (var record in records)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { Resource = record });
        }
        return new BaseFhirJsonSerializer(ModelInfo.ModelInspector).SerializeToString(bundle);
    }
}

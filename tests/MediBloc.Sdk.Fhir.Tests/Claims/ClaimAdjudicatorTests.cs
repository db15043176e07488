using Hl7.Fhir.Model;
using MediBloc.Sdk.Contracts.InsuranceClaims;
using MediBloc.Sdk.Contracts.MedToken;
using MediBloc.Sdk.Fhir.Claims;

namespace MediBloc.Sdk.Fhir.Tests.Claims;

[Collection(ValidatorCollection.Name)]
public sealed class ClaimAdjudicatorTests(ValidatorFixture fixture)
{
    private const string Snomed = "http://snomed.info/sct";
    private const string RxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private static List<Resource> Encounter(string procedure = "430193006", string diagnosis = "44054006", string day = "2026-06-14")
    {
        var subject = new ResourceReference("Patient/p1");
        var encounter = new ResourceReference("Encounter/e1");
        return
        [
            new Encounter
            {
                Id = "e1", Status = Hl7.Fhir.Model.Encounter.EncounterStatus.Finished, Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB"),
                Type = [new CodeableConcept(Snomed, "185349003")], Subject = subject, Period = new Period { Start = day + "T09:00:00Z", End = day + "T09:30:00Z" },
            },
            new Procedure { Id = "p", Status = EventStatus.Completed, Subject = subject, Encounter = encounter, Code = new CodeableConcept(Snomed, procedure) },
            new Procedure { Id = "other", Status = EventStatus.Completed, Subject = subject, Encounter = new ResourceReference("Encounter/e2"), Code = new CodeableConcept(Snomed, "430193006") },
            new Condition { Id = "c", Subject = subject, Encounter = encounter, Code = new CodeableConcept(Snomed, diagnosis) },
            new MedicationRequest
            {
                Id = "m", Status = MedicationRequest.MedicationrequestStatus.Active, Intent = MedicationRequest.MedicationRequestIntent.Order,
                Subject = subject, Encounter = encounter, Medication = new CodeableConcept(RxNorm, "860975"),
            },
        ];
    }

    private static ClaimBuildOptions Options()
    {
        var o = new ClaimBuildOptions { InsurerReference = "Organization/acme", CoverageReference = "Coverage/c1", Created = Now, DefaultCharge = 400m };
        o.Charges[Snomed + "|185349003"] = 150m;
        o.Charges["430193006"] = 80m;
        o.Charges[RxNorm + "|860975"] = 20m;
        return o;
    }

    private static AdjudicationRules Rules() => new()
    {
        CoverageStart = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        CoverageEnd = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Deductible = 50m,
        CoPayPercent = 20m,
        PerClaimCap = 1000m,
        MedPerUnit = 1m,
        Covered = [new CoveredService(Snomed, "185349003", 120m), new CoveredService(Snomed, "430193006", 100m), new CoveredService(ClaimBuilder.CategorySystem, null, 15m) { Category = "pharmacy" }],
        Exclusions = [new ExcludedCode(Snomed, "243114000"), new ExcludedCode(Snomed, "1111")],
    };

    private static Claim Build(List<Resource> records) => ClaimBuilder.Build((Encounter)records[0], records, Options());

    [Fact]
    public void The_claim_bills_the_encounter_its_procedure_and_medication_names_the_diagnosis_and_is_valid_fhir()
    {
        var claim = Build(Encounter());

        Assert.True(fixture.Validator.Validate(claim).IsValid, string.Join("; ", fixture.Validator.Validate(claim).Errors.Select(e => e.Message)));
        Assert.Equal(["185349003", "430193006", "860975"], claim.Item.Select(i => i.ProductOrService.Coding[0].Code));
        Assert.Equal("44054006", ((CodeableConcept)Assert.Single(claim.Diagnosis).Diagnosis).Coding[0].Code);
        Assert.Equal(250m, claim.Total!.Value);
    }

    [Fact]
    public void A_covered_claim_is_paid_allowed_amounts_less_deductible_and_co_pay_and_both_decision_resources_are_valid()
    {
        var decision = new ClaimAdjudicator(Rules(), fixture.Validator).Adjudicate(Build(Encounter()));

        Assert.True(decision.IsPaid);
        Assert.Equal((250m, 215m, 50m, 33m, 132m), (decision.Submitted, decision.Eligible, decision.Deductible, decision.CoPay, decision.Benefit));
        Assert.Equal(MedTokenClient.FromMed(132), decision.PayableMed);
        Assert.True(fixture.Validator.Validate(decision.ClaimResponse).IsValid);
        Assert.True(fixture.Validator.Validate(decision.ExplanationOfBenefit).IsValid);
        Assert.Equal(132m, ClaimDecision.ReadExplanationOfBenefit(decision.ToDocument()).Payment?.Amount?.Value);
    }

    [Fact]
    public void The_per_claim_cap_limits_the_benefit()
    {
        var decision = new ClaimAdjudicator(Rules() with { PerClaimCap = 100m }, fixture.Validator).Adjudicate(Build(Encounter()));

        Assert.Equal((100m, MedTokenClient.FromMed(100)), (decision.Benefit, decision.PayableMed));
    }

    [Theory]
    [InlineData("243114000", "44054006", "2026-06-14", ClaimDenialReason.Excluded)]
    [InlineData("430193006", "1111", "2026-06-14", ClaimDenialReason.Excluded)]
    [InlineData("430193006", "44054006", "2025-12-31", ClaimDenialReason.OutsideCoveragePeriod)]
    public void A_claim_is_denied_by_rule_with_a_typed_reason_and_valid_resources(string procedure, string diagnosis, string day, ClaimDenialReason reason)
    {
        var rules = procedure == "243114000" ? Rules() with { Covered = [new CoveredService(Snomed, "99999", 1m)] } : Rules();
        var decision = new ClaimAdjudicator(rules, fixture.Validator).Adjudicate(Build(Encounter(procedure, diagnosis, day)));

        Assert.Equal(reason, decision.DenialReason);
        Assert.Equal((0m, 0m), (decision.Benefit, (decimal)decision.PayableMed));
        Assert.True(fixture.Validator.Validate(decision.ExplanationOfBenefit).IsValid);
        Assert.Null(decision.ExplanationOfBenefit.Payment);
    }

    [Fact]
    public void Nothing_covered_is_not_covered_and_a_benefit_eaten_by_the_deductible_is_nothing_payable()
    {
        var none = new ClaimAdjudicator(Rules() with { Covered = [] }, fixture.Validator).Adjudicate(Build(Encounter()));
        var eaten = new ClaimAdjudicator(Rules() with { Deductible = 500m }, fixture.Validator).Adjudicate(Build(Encounter()));

        Assert.Equal((ClaimDenialReason.NotCovered, ClaimDenialReason.NothingPayable), (none.DenialReason, eaten.DenialReason));
    }

    [Fact]
    public void An_invalid_claim_is_denied_as_invalid()
    {
        var claim = Build(Encounter());
        claim.Priority = null!; // required by R4

        Assert.Equal(ClaimDenialReason.InvalidClaim, new ClaimAdjudicator(Rules(), fixture.Validator).Adjudicate(claim).DenialReason);
    }

    [Fact]
    public void Rules_round_trip_as_json_with_a_stable_hash_and_bad_rules_are_refused()
    {
        var rules = Rules();
        var back = AdjudicationRules.FromJson(rules.ToJson());

        Assert.Equal(Convert.ToHexString(rules.ComputeHash()), Convert.ToHexString(back.ComputeHash()));
        Assert.Equal(rules.Covered, back.Covered);
        Assert.NotEqual(Convert.ToHexString(rules.ComputeHash()), Convert.ToHexString((rules with { CoPayPercent = 21m }).ComputeHash()));
        Assert.Throws<ArgumentException>(() => (rules with { CoPayPercent = 101m }).Validate());
        Assert.Throws<ArgumentException>(() => (rules with { CoverageEnd = rules.CoverageStart }).Validate());
        Assert.Throws<FhirFormatException>(() => AdjudicationRules.FromJson("[1]"u8));
    }

    [Fact]
    public void A_billed_code_without_a_charge_is_refused_when_there_is_no_default()
    {
        var options = Options();
        options.DefaultCharge = null;
        var records = Encounter("12345");

        Assert.Throws<ArgumentException>(() => ClaimBuilder.Build((Encounter)records[0], records, options));
        Assert.Equal(400m, Build(records).Item[1].Net!.Value);
    }
}

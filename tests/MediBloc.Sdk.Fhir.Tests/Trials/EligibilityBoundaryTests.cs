using Hl7.Fhir.Model;

namespace MediBloc.Sdk.Fhir.Tests.Trials;

/// <summary>The evaluator at the edges: bounds, windows, units, statuses, missing data.</summary>
public sealed class EligibilityBoundaryTests
{
    private static readonly EligibilityCode HbA1c = new(EligibilityCode.Loinc, "4548-4");
    private static readonly EligibilityCode Asthma = new(EligibilityCode.Snomed, "195967001");
    private static readonly DateTimeOffset AsOf = new(2024, 3, 15, 12, 0, 0, TimeSpan.Zero);

    private static Patient Person(string birthDate = "1960-03-15", AdministrativeGender gender = AdministrativeGender.Female) =>
        new() { BirthDate = birthDate, Gender = gender };

    private static Observation A1c(decimal value, string when, string unit = "%", ObservationStatus status = ObservationStatus.Final) => new()
    {
        Status = status,
        Code = new CodeableConcept(HbA1c.System, HbA1c.Code),
        Effective = new FhirDateTime(when),
        Value = new Quantity { Value = value, Unit = unit, Code = unit, System = "http://unitsofmeasure.org" },
    };

    private static Condition AsthmaCondition(string onset, string clinical = "active", string? abated = null, string? verification = null) => new()
    {
        Code = new CodeableConcept(Asthma.System, Asthma.Code),
        ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", clinical),
        VerificationStatus = verification is null ? null : new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-ver-status", verification),
        Onset = new FhirDateTime(onset),
        Abatement = abated is null ? null : new FhirDateTime(abated),
    };

    private static bool Satisfied(EligibilityCriterion criterion, params Resource[] resources) =>
        EligibilityEvaluator.Evaluate([criterion], resources, AsOf).Outcomes.Single().Satisfied;

    [Theory]
    [InlineData("1960-03-15", true)]   // 64th birthday is today: 64
    [InlineData("1960-03-16", false)]  // birthday tomorrow: still 63
    [InlineData("1930-03-16", true)]   // 94 tomorrow: 2024 - 1930 - 1 = 93 today
    [InlineData("1930-03-15", false)]  // 94 today: above 93
    [InlineData("1960", true)]         // a partial date counts from 1960-01-01: 64
    public void Age_bounds_are_inclusive_and_count_whole_years(string birthDate, bool expected) =>
        Assert.Equal(expected, Satisfied(EligibilityCriterion.AgeBetween(64, 93), Person(birthDate)));

    [Fact]
    public void An_unknown_birth_date_fails_the_age_criterion_and_no_patient_is_never_eligible()
    {
        var result = EligibilityEvaluator.Evaluate([EligibilityCriterion.AgeBetween(18, 99)], [new Patient()], AsOf);
        Assert.Equal("The birth date is unknown.", result.Outcomes.Single().Reason);

        var none = EligibilityEvaluator.Evaluate([EligibilityCriterion.HasObservation(HbA1c)], [A1c(8m, "2024-01-01")], AsOf);
        Assert.True(none.Outcomes.Single().Satisfied);
        Assert.False(none.IsEligible);
        Assert.NotNull(none.PatientProblem);
    }

    [Theory]
    [InlineData(7.0, false)]  // "> 7 %": equal is not above
    [InlineData(7.01, true)]
    public void An_exclusive_bound_excludes_the_bound(double value, bool expected) =>
        Assert.Equal(expected, Satisfied(EligibilityCriterion.HasObservation(HbA1c, EligibilityRange.GreaterThan(7m, "%")), Person(), A1c((decimal)value, "2024-01-01")));

    [Fact]
    public void An_inclusive_bound_includes_it() =>
        Assert.True(Satisfied(EligibilityCriterion.HasObservation(HbA1c, EligibilityRange.AtLeast(7m, "%")), Person(), A1c(7m, "2024-01-01")));

    [Theory]
    [InlineData("2023-03-15T12:00:00Z", true)]   // exactly twelve months before: the window is inclusive at its start
    [InlineData("2023-03-15T11:59:59Z", false)]  // one second earlier
    [InlineData("2024-03-15T12:00:00Z", true)]   // at the evaluation time
    [InlineData("2024-03-15T12:00:01Z", false)]  // after the evaluation time
    public void The_lookback_window_is_inclusive_at_its_start_and_ends_at_the_evaluation_time(string when, bool expected) =>
        Assert.Equal(expected, Satisfied(
            EligibilityCriterion.HasObservation(HbA1c, EligibilityRange.GreaterThan(7m, "%"), EligibilityLookback.LastMonths(12)),
            Person(), A1c(8m, when)));

    [Fact]
    public void A_value_in_another_unit_does_not_match_and_no_conversion_is_made()
    {
        // 64 mmol/mol is 8 % (IFCC to NGSP), but the criterion is written in %.
        var criterion = EligibilityCriterion.HasObservation(HbA1c, EligibilityRange.GreaterThan(7m, "%"));
        var result = EligibilityEvaluator.Evaluate([criterion], [Person(), A1c(64m, "2024-01-01", "mmol/mol")], AsOf);
        Assert.False(result.IsEligible);
        Assert.Contains("the latest is = 64 mmol/mol", result.Outcomes.Single().Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ObservationStatus.Preliminary, false)]
    [InlineData(ObservationStatus.EnteredInError, false)]
    [InlineData(ObservationStatus.Amended, true)]
    public void Only_final_amended_or_corrected_observations_count(ObservationStatus status, bool expected) =>
        Assert.Equal(expected, Satisfied(EligibilityCriterion.HasObservation(HbA1c), Person(), A1c(8m, "2024-01-01", status: status)));

    [Fact]
    public void A_condition_counts_while_active_and_not_after_its_abatement()
    {
        var criterion = EligibilityCriterion.HasCondition(Asthma);
        Assert.True(Satisfied(criterion, Person(), AsthmaCondition("2010-01-01")));
        Assert.False(Satisfied(criterion, Person(), AsthmaCondition("2010-01-01", "resolved", abated: "2020-01-01")));
        // Abated after the evaluation time: it was active then.
        Assert.True(Satisfied(criterion, Person(), AsthmaCondition("2010-01-01", "resolved", abated: "2025-01-01")));
        // Resolved without a date: not active.
        Assert.False(Satisfied(criterion, Person(), AsthmaCondition("2010-01-01", "resolved")));
        // Refuted, or beginning after the evaluation time: does not count.
        Assert.False(Satisfied(criterion, Person(), AsthmaCondition("2010-01-01", verification: "refuted")));
        Assert.False(Satisfied(criterion, Person(), AsthmaCondition("2025-01-01")));
    }

    [Fact]
    public void A_condition_with_a_lookback_must_have_begun_within_it()
    {
        var criterion = EligibilityCriterion.HasCondition(Asthma) with { Lookback = EligibilityLookback.LastDays(30) };
        Assert.True(Satisfied(criterion, Person(), AsthmaCondition("2024-02-20")));
        Assert.False(Satisfied(criterion, Person(), AsthmaCondition("2024-02-01")));
    }

    [Fact]
    public void An_exclusion_fails_when_it_matches_and_passes_when_it_does_not()
    {
        var criterion = EligibilityCriterion.HasCondition(Asthma).Excluding();
        var excluded = EligibilityEvaluator.Evaluate([criterion], [Person(), AsthmaCondition("2010-01-01")], AsOf);
        Assert.False(excluded.IsEligible);
        Assert.True(excluded.Outcomes.Single().Matched);
        Assert.StartsWith("Excluded: ", excluded.Outcomes.Single().Reason, StringComparison.Ordinal);
        Assert.True(EligibilityEvaluator.Evaluate([criterion], [Person()], AsOf).IsEligible);
    }

    [Fact]
    public void Codes_match_on_system_and_code_exactly()
    {
        var otherSystem = new Observation
        {
            Status = ObservationStatus.Final,
            Code = new CodeableConcept("http://example.org/local", "4548-4"),
            Effective = new FhirDateTime("2024-01-01"),
        };
        Assert.False(Satisfied(EligibilityCriterion.HasObservation(HbA1c), Person(), otherSystem));
    }

    [Fact]
    public void Sex_compares_the_administrative_gender()
    {
        Assert.True(Satisfied(EligibilityCriterion.SexIs("female", "other"), Person()));
        Assert.False(Satisfied(EligibilityCriterion.SexIs("male"), Person()));
        Assert.False(Satisfied(EligibilityCriterion.SexIs("male"), new Patient { BirthDate = "1960-01-01" }));
    }

    [Fact]
    public void A_patient_recorded_as_deceased_is_not_eligible()
    {
        var dead = Person();
        dead.Deceased = new FhirBoolean(true);
        var result = EligibilityEvaluator.Evaluate([EligibilityCriterion.SexIs("female")], [dead], AsOf);
        Assert.True(result.Outcomes.Single().Satisfied);
        Assert.False(result.IsEligible);
    }
}

using Hl7.Fhir.Model;

namespace MediBloc.Sdk.Fhir.Tests.Trials;

/// <summary>
/// The evaluator on the Synthea bundles this project copies (TestData/synthea-large), against expectations worked
/// out by hand from the bundles' JSON. Each fact used is quoted in a comment next to the assertion it decides.
/// </summary>
public sealed class EligibilitySyntheaTests
{
    private const string Dino = "synthea-large/sof-Dino_Barton_f24d7951-2016-43c6-a2d6-89dd4b8f4fcb.json";
    private const string Stanford = "synthea-large/sof-Stanford_Windler_77754da9-ed27-4d99-ae16-360d2fde6b06.json";
    private const string Emilee = "synthea-large/sof-Emilee_Ritchie_27abf6e8-2b5d-4ec0-bfd9-6b433fc73cc2.json";
    private const string Bill = "synthea-large/sof-Bill_Reinger_0bfeda65-c8ac-4dd7-a46c-d69e665996d4.json";

    private static readonly EligibilityCode Prediabetes = new(EligibilityCode.Snomed, "15777000");
    private static readonly EligibilityCode Type2Diabetes = new(EligibilityCode.Snomed, "44054006");
    private static readonly EligibilityCode HbA1c = new(EligibilityCode.Loinc, "4548-4");

    /// <summary>
    /// A prediabetes study: (0) active prediabetes, (1) aged 65–90, (2) male, (3) an HbA1c above 6.2 % within the last
    /// 12 months, (4) excluding type 2 diabetes.
    /// </summary>
    private static readonly EligibilityCriterion[] PrediabetesStudy =
    [
        EligibilityCriterion.HasCondition(Prediabetes),
        EligibilityCriterion.AgeBetween(65, 90),
        EligibilityCriterion.SexIs("male"),
        EligibilityCriterion.HasObservation(HbA1c, EligibilityRange.GreaterThan(6.2m, "%"), EligibilityLookback.LastMonths(12)),
        EligibilityCriterion.HasCondition(Type2Diabetes).Excluding(),
    ];

    private static Bundle Load(string file) => FhirJson.Parse<Bundle>(TestFiles.Read(file));

    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    private static int[] FailedIndexes(EligibilityResult result) =>
        [.. result.Outcomes.Select((o, i) => (o, i)).Where(x => !x.o.Satisfied).Select(x => x.i)];

    [Fact]
    public void Dino_Barton_is_eligible_at_the_end_of_2020()
    {
        var result = EligibilityEvaluator.Evaluate(PrediabetesStudy, Load(Dino), Day(2020, 12, 31));

        // Patient: male, birthDate 1941-08-11 (79 on 2020-12-31), deceasedDateTime 2021-03-01 (after the evaluation).
        // Condition 15777000 Prediabetes, onset 1979-02-19, clinicalStatus active, no abatement.
        // HbA1c (4548-4) in the window 2019-12-31..2020-12-31: only 2020-06-22, 6.355432 % (> 6.2). The one before,
        // 2019-07-22 (5.88 %), is outside the window. No Condition 44054006.
        Assert.True(result.IsEligible, string.Join("; ", result.Outcomes.Select(o => o.Reason)));
        Assert.Null(result.PatientProblem);
        Assert.Contains("Age 79", result.Outcomes[1].Reason, StringComparison.Ordinal);
        Assert.Contains("2020-06-22", result.Outcomes[3].Reason, StringComparison.Ordinal);
        Assert.Contains("6.36 %", result.Outcomes[3].Reason, StringComparison.Ordinal);
        Assert.False(result.Outcomes[4].Matched);
    }

    [Fact]
    public void Stanford_Windler_fails_only_the_HbA1c_criterion_at_the_end_of_2020()
    {
        var result = EligibilityEvaluator.Evaluate(PrediabetesStudy, Load(Stanford), Day(2020, 12, 31));

        // Male, born 1941-08-06 (79), Prediabetes since 1973-06-13, active. The only HbA1c in the window is
        // 2020-06-24 at 6.179926 %, not above 6.2; 2019-06-19 (5.85 %) is before the window's start (2019-12-31).
        Assert.False(result.IsEligible);
        Assert.Equal([3], FailedIndexes(result));
        Assert.Contains("6.18 %", result.Outcomes[3].Reason, StringComparison.Ordinal);
        Assert.Contains("2020-06-24", result.Outcomes[3].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Stanford_Windler_was_eligible_at_the_end_of_2017()
    {
        var result = EligibilityEvaluator.Evaluate(PrediabetesStudy, Load(Stanford), Day(2017, 12, 31));

        // Window 2016-12-31..2017-12-31: HbA1c 2017-06-07 at 6.203741 % (> 6.2). Age 2017 - 1941 = 76 (birthday in
        // August has passed). The HbA1c of 2020 lies after the evaluation time and does not count.
        Assert.True(result.IsEligible, string.Join("; ", result.Outcomes.Select(o => o.Reason)));
        Assert.Contains("2017-06-07", result.Outcomes[3].Reason, StringComparison.Ordinal);
        Assert.Contains("Age 76", result.Outcomes[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Dino_Barton_meets_every_criterion_in_June_2021_but_died_in_March_and_is_not_eligible()
    {
        var result = EligibilityEvaluator.Evaluate(PrediabetesStudy, Load(Dino), Day(2021, 6, 1));

        // Window 2020-06-01..2021-06-01 still holds the 2020-06-22 HbA1c (6.355 %); age 79 (the August birthday has
        // not come yet in June 2021). But deceasedDateTime is 2021-03-01, before the evaluation time.
        Assert.Empty(FailedIndexes(result));
        Assert.False(result.IsEligible);
        Assert.Equal("The patient died on 2021-03-01.", result.PatientProblem);
    }

    [Fact]
    public void Emilee_Ritchie_fails_condition_sex_and_HbA1c()
    {
        var result = EligibilityEvaluator.Evaluate(PrediabetesStudy, Load(Emilee), Day(1999, 12, 31));

        // Female, born 1924-12-30: 75 on 1999-12-31 (the birthday was the day before), alive until 2000-01-19.
        // Her conditions hold Hypertension (38341003) but no Prediabetes; she has no HbA1c observation at all.
        Assert.False(result.IsEligible);
        Assert.Equal([0, 2, 3], FailedIndexes(result));
        Assert.Contains("Age 75", result.Outcomes[1].Reason, StringComparison.Ordinal);
        Assert.Equal("Gender female.", result.Outcomes[2].Reason);
        Assert.StartsWith("No observation", result.Outcomes[3].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bill_Reinger_is_too_young_and_has_neither_prediabetes_nor_HbA1c()
    {
        var result = EligibilityEvaluator.Evaluate(PrediabetesStudy, Load(Bill), Day(2020, 12, 31));

        // Male, born 1992-12-25: 28 on 2020-12-31. No Prediabetes condition, no HbA1c.
        Assert.Equal([0, 1, 3], FailedIndexes(result));
        Assert.Contains("Age 28", result.Outcomes[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_active_medication_excludes_and_a_lookback_counts_the_authored_date()
    {
        var donepezil = new EligibilityCode(EligibilityCode.RxNorm, "1599803");
        var metoprolol = new EligibilityCode(EligibilityCode.RxNorm, "866414");
        EligibilityCriterion[] criteria =
        [
            EligibilityCriterion.HasMedication(null, donepezil).Excluding(),
            EligibilityCriterion.HasMedication(EligibilityLookback.LastMonths(6), metoprolol),
        ];

        // Dino: MedicationRequest 1599803 (24 HR Donepezil) authoredOn 2017-09-10, status active: excluded.
        // MedicationRequest 866414 (metoprolol) authoredOn 2020-08-31: within six months of 2020-12-31, but after 2020-08-30.
        var end2020 = EligibilityEvaluator.Evaluate(criteria, Load(Dino), Day(2020, 12, 31));
        Assert.Equal([false, true], end2020.Outcomes.Select(o => o.Satisfied));
        Assert.StartsWith("Excluded: Medication 1599803", end2020.Outcomes[0].Reason, StringComparison.Ordinal);

        var beforeMetoprolol = EligibilityEvaluator.Evaluate(criteria, Load(Dino), Day(2020, 8, 30));
        Assert.False(beforeMetoprolol.Outcomes[1].Satisfied);
    }
}

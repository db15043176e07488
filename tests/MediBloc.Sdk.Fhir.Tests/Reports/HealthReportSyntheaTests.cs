using Hl7.Fhir.Model;
using MediBloc.Sdk.Fhir.Reports;

namespace MediBloc.Sdk.Fhir.Tests.Reports;

/// <summary>
/// The report on two Synthea patients (TestData/synthea-large, copied from shared/testdata), against findings worked
/// out by hand from the bundles. Each expected value names the resource it was read from, so it can be re-checked with
/// any JSON viewer. Rule ids and intervals are those of Reports/preventive-care-schedule.json.
/// </summary>
public sealed class HealthReportSyntheaTests
{
    private const string Judson = "synthea-large/sof-Judson_Eichmann_34d4fd7e-b2b6-42fc-adb5-09db196b8662.json";
    private const string Clemente = "synthea-large/sof-Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json";

    internal static Resource Bundle(string file) => FhirJson.Parse(TestFiles.Read(file), out _);

    [Fact]
    public void Judson_at_40_is_due_for_blood_pressure_diabetes_depression_flu_and_a_check_up_but_not_lipids_or_tetanus()
    {
        // Patient 195bd73c-…: male, born 1982-07-29, so 40 on 2023-06-01 (his 40th birthday was 2022-07-29).
        var report = HealthReportBuilder.Build([Bundle(Judson)], new DateOnly(2023, 6, 1));

        Assert.Equal(new ReportPatient("195bd73c-1ef3-400d-9269-a0d9042afafe", new DateOnly(1982, 7, 29), "male", 40), report.Patient);
        Assert.Equal(
            ["uspstf-hypertension-40", "uspstf-prediabetes-diabetes", "uspstf-depression", "cdc-influenza", "adult-checkup-40"],
            report.CareGaps.Select(g => g.RuleId));

        // Blood pressure from 40 every 12 months: last panel (LOINC 55284-4) Observation f564e959-… on 2021-02-18, so due
        // again 2022-02-18. (uspstf-hypertension-18-39 does not apply at 40.)
        var bp = report.CareGaps[0];
        Assert.Equal((new DateOnly(2021, 2, 18), "Observation/f564e959-c2e9-4583-8dce-73a1725f06e8", new DateOnly(2022, 2, 18)), (bp.LastDone!.Value, bp.LastDoneResourceId!, bp.DueSince!.Value));

        // Diabetes screening 35–70 with BMI ≥ 25: latest BMI 27.53 (Observation 618b6412-…, 2021-02-18); no HbA1c
        // (4548-4) or glucose (2339-0, 2345-7) anywhere in the bundle, so never done.
        Assert.Null(report.CareGaps[1].LastDone);
        Assert.Null(report.CareGaps[1].DueSince);
        Assert.Contains("BMI of 25 or more (latest 27.5)", report.CareGaps[1].Why, StringComparison.Ordinal);

        // Depression screening yearly from 12: no PHQ-2/PHQ-9 (55757-9, 44249-1) nor SNOMED 171207006/715252007: never.
        Assert.Null(report.CareGaps[2].LastDone);

        // Influenza yearly: last CVX 140 Immunization 9bed05b8-… on 2021-02-18.
        Assert.Equal((new DateOnly(2021, 2, 18), "Immunization/9bed05b8-b9db-41b3-9299-c8ef7b897a4e", new DateOnly(2022, 2, 18)),
            (report.CareGaps[3].LastDone!.Value, report.CareGaps[3].LastDoneResourceId!, report.CareGaps[3].DueSince!.Value));

        // Check-up yearly from 40: last Encounter type 185349003 (63a00e90-…) on 2021-02-18.
        Assert.Equal("Encounter/63a00e90-a7bb-49cf-af57-931257ff4f1a", report.CareGaps[4].LastDoneResourceId);
        Assert.Equal(new DateOnly(2022, 2, 18), report.CareGaps[4].DueSince);

        // Not due: lipids (40–75, every 60 months) last Lipid Panel DiagnosticReport d815e549-… and its Observations on
        // 2018-08-02, due 2023-08-02 (after 2023-06-01); Td (every 120 months) last CVX 113 on 2015-07-30, due 2025-07-30.
        Assert.DoesNotContain(report.CareGaps, g => g.RuleId is "uspstf-statin-lipids" or "cdc-td-tdap");
    }

    [Fact]
    public void Judsons_trends_read_blood_pressure_panels_lipids_and_bmi_with_their_direction()
    {
        var report = HealthReportBuilder.Build([Bundle(Judson)], new DateOnly(2023, 6, 1));

        Assert.Equal(
            ["systolic-blood-pressure", "diastolic-blood-pressure", "bmi", "body-weight", "total-cholesterol", "ldl-cholesterol", "hdl-cholesterol", "triglycerides"],
            report.Trends.Select(t => t.Metric));
        // Systolic (component 8480-6 of the 55284-4 panels): 126.67 (2012-07-26), 111.44 (2015-07-30), 134.15
        // (2018-08-02), 126.63 (2021-02-18, Observation f564e959-…). 126.63 − 134.15 = −7.52, more than 5 % of 134.15
        // (6.71): falling.
        var systolic = Trend(report, "systolic-blood-pressure");
        Assert.Equal([new DateOnly(2012, 7, 26), new DateOnly(2015, 7, 30), new DateOnly(2018, 8, 2), new DateOnly(2021, 2, 18)], systolic.Points.Select(p => p.Date));
        Assert.Equal(126.62988021229472m, systolic.Latest.Value);
        Assert.Equal("Observation/f564e959-c2e9-4583-8dce-73a1725f06e8", systolic.Latest.ResourceId);
        Assert.Equal(TrendDirection.Falling, systolic.Direction);
        // Diastolic: 83.38 (2018) then 85.99 (2021): +2.61, within 5 % (4.17): stable.
        Assert.Equal(TrendDirection.Stable, Trend(report, "diastolic-blood-pressure").Direction);
        // BMI: 27.74, 27.53, 27.53, 27.53 (Observation 618b6412-…): stable.
        Assert.Equal((27.534069359257504m, TrendDirection.Stable), (Trend(report, "bmi").Latest.Value, Trend(report, "bmi").Direction));
        // Triglycerides: 127.41 (2015-07-30) then 118.05 (2018-08-02, Observation 3abf19b2-…): −9.36, more than 6.37: falling.
        Assert.Equal((118.05303618555757m, TrendDirection.Falling), (Trend(report, "triglycerides").Latest.Value, Trend(report, "triglycerides").Direction));
        // LDL (18262-6): 86.45 then 90.15 (Observation 6bfba77a-…): +3.69, within 4.32: stable.
        Assert.Equal(TrendDirection.Stable, Trend(report, "ldl-cholesterol").Direction);
        Assert.Equal("Observation/6bfba77a-7655-4d3c-9171-dfa48a28c158", Trend(report, "ldl-cholesterol").Latest.ResourceId);
    }

    [Fact]
    public void Judsons_lists_hold_the_active_condition_the_active_medication_and_seven_allergies()
    {
        var report = HealthReportBuilder.Build([Bundle(Judson)], new DateOnly(2023, 6, 1));

        // Conditions: five in the bundle, four resolved (pharyngitis ×2, sinusitis, bronchitis); active: obesity finding
        // 162864005 (Condition c872db6b-…, onset 2009-07-23).
        var condition = Assert.Single(report.ActiveConditions);
        Assert.Equal(("162864005", new DateOnly(2009, 7, 23), "Condition/c872db6b-03b8-4e7f-be93-e3d3868434f7"), (condition.Code!, condition.Since!.Value, condition.ResourceId));
        // Medications: chlorpheniramine (1c3ec17d-…, active, 1983-12-31); acetaminophen (fcfc0b3c-…) is stopped.
        var medication = Assert.Single(report.ActiveMedications);
        Assert.Equal("Chlorpheniramine Maleate 2 MG/ML Oral Solution", medication.Display);
        // Allergies: seven AllergyIntolerance, all active, recorded 1983-12-31 (mould, dust mite, dander, grass and tree
        // pollen, shellfish, nut).
        Assert.Equal(7, report.Allergies.Count);
        Assert.Contains(report.Allergies, a => a.Code == "300913006" && a.Display == "Shellfish allergy");
        Assert.All(report.Allergies, a => Assert.Equal(new DateOnly(1983, 12, 31), a.Since));
        Assert.Empty(report.Ignored);
    }

    [Fact]
    public void Clemente_at_35_is_due_for_diabetes_screening_from_his_35th_birthday_on()
    {
        // Patient d78af07c-…: male, born 1984-07-02: 35 on 2020-01-01. Latest BMI 30.47 (Observation 07abe538-…, 2018-09-17).
        var report = HealthReportBuilder.Build([Bundle(Clemente)], new DateOnly(2020, 1, 1));

        Assert.Equal(35, report.Patient.Age);
        // Diabetes (35–70, BMI ≥ 25): no HbA1c/glucose in the bundle: never. Depression: never. Influenza: last CVX 140
        // (Immunization 4ff1ff55-…) on 2018-09-17, due 2019-09-17. Not due: blood pressure 18–39 every 36 months (last
        // panel a6902fde-… 2018-09-17, due 2021-09-17), check-up 22–39 every 36 months (Encounter 2e0cc97b-…
        // 2018-09-17), Td (CVX 113 on 2015-09-14, due 2025-09-14). Lipids start at 40.
        Assert.Equal(["uspstf-prediabetes-diabetes", "uspstf-depression", "cdc-influenza"], report.CareGaps.Select(g => g.RuleId));
        Assert.Equal(("Immunization/4ff1ff55-6108-4438-872f-94dd6f8d8f7f", new DateOnly(2019, 9, 17)), (report.CareGaps[2].LastDoneResourceId!, report.CareGaps[2].DueSince!.Value));

        // BMI 27.36 (2012), 28.67 (2015), 30.47 (2018): +1.80 > 5 % of 28.67 (1.43): rising. Weight 81.70 → 86.83: rising.
        // Triglycerides 113.37 → 148.95 (Observation 3acb284d-…): rising. Systolic 134.46 → 122.46: falling.
        Assert.Equal(TrendDirection.Rising, Trend(report, "bmi").Direction);
        Assert.Equal(30.474482042810113m, Trend(report, "bmi").Latest.Value);
        Assert.Equal(TrendDirection.Rising, Trend(report, "body-weight").Direction);
        Assert.Equal(TrendDirection.Rising, Trend(report, "triglycerides").Direction);
        Assert.Equal(TrendDirection.Falling, Trend(report, "systolic-blood-pressure").Direction);
        // Only condition: obesity finding (Condition 0c948634-…, active, 2018-09-17); no medications, no allergies.
        Assert.Equal("Condition/0c948634-9289-4c36-bcfc-6ffa49351290", Assert.Single(report.ActiveConditions).ResourceId);
        Assert.Empty(report.ActiveMedications);
        Assert.Empty(report.Allergies);
    }

    [Fact]
    public void Clemente_at_32_is_not_yet_due_for_diabetes_screening_and_later_records_are_not_used()
    {
        // On 2017-01-01 he is 32 (under 35): the diabetes rule does not apply. The 2018 records are after the day: the
        // latest BMI is 28.67 (2015-09-14) and the latest influenza shot (2015-09-14) was due 2016-09-14.
        var report = HealthReportBuilder.Build([Bundle(Clemente)], new DateOnly(2017, 1, 1));

        Assert.Equal(32, report.Patient.Age);
        Assert.Equal(["uspstf-depression", "cdc-influenza"], report.CareGaps.Select(g => g.RuleId));
        Assert.Equal(new DateOnly(2016, 9, 14), report.CareGaps[1].DueSince);
        Assert.Equal(28.67314307934236m, Trend(report, "bmi").Latest.Value);
        Assert.Equal(2, Trend(report, "bmi").Points.Count);
        Assert.Empty(report.ActiveConditions); // the obesity finding's onset is 2018-09-17
    }

    private static VitalTrend Trend(HealthReport report, string metric) => Assert.Single(report.Trends, t => t.Metric == metric);
}

using System.Text;
using Hl7.Fhir.Model;
using MediBloc.Sdk.Fhir.Reports;

namespace MediBloc.Sdk.Fhir.Tests.Reports;

/// <summary>The schedule's rules at their boundaries: ages (inclusive, whole years), sex, interval, once-only, BMI.</summary>
public sealed class HealthReportRuleTests
{
    private static readonly PreventiveCareSchedule Schedule = PreventiveCareSchedule.Parse(Encoding.UTF8.GetBytes("""
        {"name":"test","version":"1","sources":["test"],"rules":[
          {"id":"colon","title":"Colonoscopy","category":"screening","source":"s","minAge":45,"maxAge":75,"intervalMonths":120,
           "evidence":[{"system":"http://snomed.info/sct","code":"73761001"}]},
          {"id":"mammo","title":"Mammography","category":"screening","source":"s","sex":"female","minAge":40,"maxAge":74,"intervalMonths":24,
           "evidence":[{"system":"http://snomed.info/sct","code":"71651007"}]},
          {"id":"zoster","title":"Zoster","category":"immunization","source":"s","minAge":50,
           "evidence":[{"system":"http://hl7.org/fhir/sid/cvx","code":"187"}]},
          {"id":"a1c","title":"HbA1c","category":"screening","source":"s","minAge":35,"maxAge":70,"intervalMonths":36,"minBmi":25,
           "evidence":[{"system":"http://loinc.org","code":"4548-4"}]}
        ]}
        """));

    private static HealthReport Report(DateOnly asOf, string birth, AdministrativeGender sex, params Resource[] records) =>
        HealthReportBuilder.Build(
            [new Patient { Id = "p", BirthDate = birth, Gender = sex }, .. records],
            asOf,
            new HealthReportOptions { Schedule = Schedule });

    private static Procedure Procedure(string code, string date) => new()
    {
        Id = "proc-" + date,
        Status = EventStatus.Completed,
        Code = new CodeableConcept("http://snomed.info/sct", code),
        Subject = new ResourceReference("Patient/p"),
        Performed = new FhirDateTime(date),
    };

    private static Observation Bmi(decimal value) => new()
    {
        Id = "bmi",
        Status = ObservationStatus.Final,
        Code = new CodeableConcept("http://loinc.org", "39156-5"),
        Effective = new FhirDateTime("2020-01-01"),
        Value = new Quantity(value, "kg/m2", "http://unitsofmeasure.org"),
    };

    [Theory]
    [InlineData("2025-03-10", false)] // the day before the 45th birthday: 44
    [InlineData("2025-03-11", true)]  // the 45th birthday
    [InlineData("2056-03-10", true)]  // the last day at 75
    [InlineData("2056-03-11", false)] // the 76th birthday
    public void An_age_range_is_whole_years_and_inclusive_at_both_ends(string asOf, bool due)
    {
        var report = Report(DateOnly.Parse(asOf), "1980-03-11", AdministrativeGender.Male);

        Assert.Equal(due, report.CareGaps.Any(g => g.RuleId == "colon"));
    }

    [Fact]
    public void A_rule_for_women_does_not_apply_to_men_or_to_unknown_gender()
    {
        var asOf = new DateOnly(2030, 1, 1);

        Assert.Contains(Report(asOf, "1980-01-01", AdministrativeGender.Female).CareGaps, g => g.RuleId == "mammo");
        Assert.DoesNotContain(Report(asOf, "1980-01-01", AdministrativeGender.Male).CareGaps, g => g.RuleId == "mammo");
        Assert.DoesNotContain(Report(asOf, "1980-01-01", AdministrativeGender.Unknown).CareGaps, g => g.RuleId == "mammo");
    }

    [Fact]
    public void Due_again_on_the_day_the_interval_ends_not_the_day_before()
    {
        // Colonoscopy every 120 months: done 2020-06-15, due again 2030-06-15.
        var done = Procedure("73761001", "2020-06-15");

        Assert.DoesNotContain(Report(new DateOnly(2030, 6, 14), "1970-01-01", AdministrativeGender.Male, done).CareGaps, g => g.RuleId == "colon");
        var gap = Assert.Single(Report(new DateOnly(2030, 6, 15), "1970-01-01", AdministrativeGender.Male, done).CareGaps, g => g.RuleId == "colon");
        Assert.Equal((new DateOnly(2020, 6, 15), "Procedure/proc-2020-06-15", new DateOnly(2030, 6, 15)), (gap.LastDone!.Value, gap.LastDoneResourceId!, gap.DueSince!.Value));
        Assert.Equal("colon: for everyone aged 45 to 75, every 120 months; age 60 on the report's day.", gap.Why);
    }

    [Fact]
    public void A_once_only_rule_is_done_for_good_and_a_record_after_the_day_does_not_count()
    {
        var shot = new Immunization
        {
            Id = "z",
            Status = Immunization.ImmunizationStatusCodes.Completed,
            VaccineCode = new CodeableConcept("http://hl7.org/fhir/sid/cvx", "187"),
            Patient = new ResourceReference("Patient/p"),
            Occurrence = new FhirDateTime("2021-05-01"),
        };

        Assert.DoesNotContain(Report(new DateOnly(2060, 1, 1), "1960-01-01", AdministrativeGender.Female, shot).CareGaps, g => g.RuleId == "zoster");
        var before = Assert.Single(Report(new DateOnly(2021, 4, 30), "1960-01-01", AdministrativeGender.Female, shot).CareGaps, g => g.RuleId == "zoster");
        Assert.Null(before.LastDone);
        shot.Status = Immunization.ImmunizationStatusCodes.NotDone;
        Assert.Contains(Report(new DateOnly(2060, 1, 1), "1960-01-01", AdministrativeGender.Female, shot).CareGaps, g => g.RuleId == "zoster");
    }

    [Theory]
    [InlineData(24.9, false)]
    [InlineData(25, true)]
    public void A_bmi_condition_takes_the_latest_bmi(decimal bmi, bool due)
    {
        var report = Report(new DateOnly(2021, 1, 1), "1980-01-01", AdministrativeGender.Male, Bmi(bmi));

        Assert.Equal(due, report.CareGaps.Any(g => g.RuleId == "a1c"));
    }

    [Fact]
    public void The_embedded_schedule_names_its_sources_and_every_rule_has_codes()
    {
        var schedule = PreventiveCareSchedule.Default;

        Assert.Contains(schedule.Sources, s => s.StartsWith("USPSTF", StringComparison.Ordinal));
        Assert.Contains(schedule.Sources, s => s.StartsWith("CDC", StringComparison.Ordinal));
        Assert.True(schedule.Rules.Count >= 15);
        Assert.All(schedule.Rules, r => Assert.NotEmpty(r.Evidence));
        Assert.All(schedule.Rules, r => Assert.Matches("^(USPSTF|CDC|AAP|Periodic)", r.Source));
    }

    [Theory]
    [InlineData("""{"rules":[{"id":"a","title":"t","category":"screening","source":"s","minAge":50,"maxAge":40,"evidence":[{"system":"x","code":"y"}]}]}""", "rules[0].minAge")]
    [InlineData("""{"rules":[{"id":"a","title":"t","category":"vaccine","source":"s","evidence":[{"system":"x","code":"y"}]}]}""", "rules[0].category")]
    [InlineData("""{"rules":[{"id":"a","title":"t","category":"screening","source":"s","evidence":[]}]}""", "rules[0].evidence")]
    [InlineData("""{"rules":[{"id":"a","title":"t","category":"screening","source":"s","intervalMonths":0,"evidence":[{"system":"x","code":"y"}]}]}""", "rules[0].intervalMonths")]
    [InlineData("""{"rules":[{"id":"a","title":"t","category":"screening","source":"s","sex":"f","evidence":[{"system":"x","code":"y"}]}]}""", "rules[0].sex")]
    [InlineData("""{"rules":[{"title":"t","category":"screening","source":"s","evidence":[{"system":"x","code":"y"}]}]}""", "rules[0].id")]
    [InlineData("""{"rules":[{"id":"a","title":"t","category":"screening","source":"s","evidence":[{"code":"y"}]}]}""", "rules[0].evidence[0].system")]
    [InlineData("""{"rules":{}}""", "rules")]
    [InlineData("""[1,2""", "$")]
    public void A_malformed_schedule_is_a_typed_error_naming_the_element(string json, string path)
    {
        var error = Assert.Throws<FhirFormatException>(() => PreventiveCareSchedule.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(path, error.JsonPath);
        Assert.Equal(MediBlocErrorCode.InvalidFormat, error.Code);
    }
}
